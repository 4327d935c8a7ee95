import { describe, expect, it } from 'vitest';
import { setData as definition } from '../../../schemas/blocks/set-data.ts';
import { setData } from '../../../runtime/src/blocks/set-data.ts';
import { blockConfig, configProblems } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const signal = new AbortController().signal;

describe('Set data', () => {
  it('renders each value against the context and stores it in vars', async () => {
    const config = blockConfig(definition, {
      assignments: [
        { name: 'handle', value: '@{{ message.author.handle }}' },
        { name: 'greeting', value: 'Hi {{ vars.handle }}, about order {{ vars.orderId }}' },
      ],
    });
    const context = testContext({ vars: { orderId: 'A-17' } });
    const result = await setData({ config, context, nodeId: 'set', signal, services: testServices() });
    expect(result).toEqual({
      port: 'out',
      reason: 'set handle = "@jane", greeting = "Hi @jane, about order A-17"',
      patch: { vars: { handle: '@jane', greeting: 'Hi @jane, about order A-17' } },
    });
  });

  it('declares the variables it sets and its templates for the validator', () => {
    const config = blockConfig(definition, { assignments: [{ name: 'a', value: '{{ contact.name }}' }, { name: 'b', value: 'x' }] });
    expect(definition.sets?.(config)).toEqual(['vars.a', 'vars.b']);
    expect(definition.templates?.(config)).toEqual([
      { text: '{{ contact.name }}', pointer: '/assignments/0/value' },
      { text: 'x', pointer: '/assignments/1/value' },
    ]);
  });

  it('rejects a variable name templates could not read', () => {
    expect(configProblems(definition, { assignments: [{ name: 'order-id', value: '1' }] })).toEqual([
      '/assignments/0/name has a form that is not allowed (must match ^[a-zA-Z_][a-zA-Z0-9_]*$)',
    ]);
  });
});
