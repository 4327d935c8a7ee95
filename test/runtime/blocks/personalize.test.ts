import { describe, expect, it } from 'vitest';
import { personalize as definition } from '../../../schemas/blocks/personalize.ts';
import { personalize } from '../../../runtime/src/blocks/personalize.ts';
import type { ContactView, RunContext } from '../../../runtime/src/engine/types.ts';
import { blockConfig, configProblems } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const signal = new AbortController().signal;

const config = blockConfig(definition, {
  rules: [
    { label: 'Repeat', when: { repeatWithinHours: 48 }, then: { priorityDelta: 20, skills: [{ skill: 'complaints', level: 2 }] } },
    { label: 'Gold', when: { segments: ['gold', 'platinum'] }, then: { priority: 90, greeting: 'Gold customer {{ contact.name }}' } },
    { label: 'Backlog', when: { minPendingInteractions: 2 }, then: { priorityDelta: 30, skills: [{ skill: 'complaints', level: 4 }] } },
  ],
});

const jane: ContactView = { id: 'c-1', name: 'Jane', segment: 'Gold', attributes: {}, isNew: false };

async function run(context: RunContext, stats = { recentInteractions: 0, pendingInteractions: 0 }) {
  const services = testServices();
  const calls: Array<[string, number, string]> = [];
  services.contacts.stats = (contactId, hours, now) => {
    calls.push([contactId, hours, now.toISOString()]);
    return stats;
  };
  const result = await personalize({ config, context, nodeId: 'vip', signal, services });
  return { result, calls };
}

describe('Personalize', () => {
  it('applies every matching rule in order and renders the greeting', async () => {
    const context = testContext({ contact: jane, routing: { priority: 50, skills: [{ skill: 'billing', level: 1 }] } });
    const { result, calls } = await run(context, { recentInteractions: 3, pendingInteractions: 1 });
    expect(result).toEqual({
      port: 'out',
      reason: 'applied "Repeat" (3 interactions in the last 48 h), "Gold" (segment Gold): priority 50 → 90, skills billing≥1, complaints≥2, greeting set',
      patch: {
        routing: { priority: 90, skills: [{ skill: 'billing', level: 1 }, { skill: 'complaints', level: 2 }], greeting: 'Gold customer Jane' },
      },
      details: { applied: 2, skipped: 1 },
    });
    expect(calls).toEqual([['c-1', 48, '2026-03-02T10:00:00.000Z']]);
  });

  it('keeps the priority within 100 and the highest skill level', async () => {
    const context = testContext({ contact: { ...jane, segment: undefined }, routing: { priority: 80, skills: [] } });
    const { result } = await run(context, { recentInteractions: 1, pendingInteractions: 2 });
    expect(result).toMatchObject({ patch: { routing: { priority: 100, skills: [{ skill: 'complaints', level: 4 }] } } });
    expect(result.reason).toBe(
      'applied "Repeat" (1 interaction in the last 48 h), "Backlog" (2 pending interactions): priority 80 → 100, skills complaints≥4',
    );
  });

  it('says why each rule did not match', async () => {
    const { result } = await run(testContext({ contact: { ...jane, segment: 'silver' } }));
    expect(result).toEqual({
      port: 'out',
      reason:
        'no rule matched ("Repeat": 0 interactions in the last 48 h, needs 1; "Gold": segment is "silver", not gold or platinum; "Backlog": 0 pending interactions, needs 2)',
    });
  });

  it('matches no rule on contact data when no contact is identified', async () => {
    const { result, calls } = await run(testContext());
    expect(result.reason).toMatch(/^no rule matched \("Repeat": it needs contact data and no contact is identified;/);
    expect(calls).toEqual([]);
  });

  it('applies a rule without conditions to everyone', async () => {
    const always = blockConfig(definition, { rules: [{ when: {}, then: { greeting: 'Hi from {{ message.channel }}' } }] });
    const result = await personalize({ config: always, context: testContext(), nodeId: 'p', signal, services: testServices() });
    expect(result).toMatchObject({ reason: 'applied "rule 1": priority stays 50, greeting set', patch: { routing: { greeting: 'Hi from twitter' } } });
  });

  it('names skills and greetings for the validator, and needs an effect', () => {
    expect(definition.references?.(config)).toEqual([
      { kind: 'skill', id: 'complaints', pointer: '/rules/0/then/skills/0/skill' },
      { kind: 'skill', id: 'complaints', pointer: '/rules/2/then/skills/0/skill' },
    ]);
    expect(definition.templates?.(config)).toEqual([{ text: 'Gold customer {{ contact.name }}', pointer: '/rules/1/then/greeting' }]);
    expect(configProblems(definition, { rules: [{ when: {}, then: {} }] })).toEqual(['/rules/0/then must NOT have fewer than 1 properties']);
  });
});
