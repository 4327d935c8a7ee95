import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../runtime/src/blocks/render.ts';
import { testContext } from '../../support/run-services.ts';

const now = new Date('2026-03-02T10:00:00Z');

describe('renderTemplate', () => {
  it('reads every context root and the current time', () => {
    const context = testContext({
      contact: { id: 'c-1', name: 'Jane', attributes: { tier: 'gold' }, isNew: false },
      conversation: { id: 'conv-1', isNew: true },
      sentiment: { label: 'negative', score: -3, comparative: -0.5 },
      vars: { orderId: 'A-17' },
    });
    const text =
      '{{ message.author.handle }} {{ contact.attributes.tier }} {{ conversation.id }} {{ routing.priority }} ' +
      '{{ vars.orderId }} {{ sentiment.label }} {{ now }} {{ flow.id }}';
    expect(renderTemplate(text, context, now)).toBe('jane gold conv-1 50 A-17 negative 2026-03-02T10:00:00.000Z test-flow');
  });

  it('renders what is not set as nothing and supports filters', () => {
    expect(renderTemplate('[{{ contact.name }}] {{ message.author.name | upcase }}', testContext(), now)).toBe('[] JANE DOE');
  });

  it('does not reach inherited properties', () => {
    expect(renderTemplate('{{ vars.constructor }}|{{ vars.toString }}|{{ message.__proto__ }}', testContext(), now)).toBe('||');
  });

  it('throws on an unknown filter', () => {
    expect(() => renderTemplate('{{ message.text | shout }}', testContext(), now)).toThrow(/shout/);
  });
});
