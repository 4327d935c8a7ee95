import { describe, expect, it } from 'vitest';
import { routeToQueue as definition } from '../../../schemas/blocks/route-to-queue.ts';
import { routeToQueue } from '../../../runtime/src/blocks/route-to-queue.ts';
import type { RunContext } from '../../../runtime/src/engine/types.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import { blockConfig, configProblems } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const signal = new AbortController().signal;

const socialCare: Resource = {
  kind: 'queue',
  id: 'social-care',
  name: 'Social care',
  skills: [{ skill: 'billing', level: 1 }],
  dispositionRequired: false,
};

async function run(config: unknown, context: RunContext) {
  const services = testServices({ resources: [socialCare] });
  const result = await routeToQueue({ config: blockConfig(definition, config), context, nodeId: 'queue', signal, services });
  return { result, routes: services.routes };
}

describe('Route to queue', () => {
  it('joins the queue, flow and block skills at their highest levels and prefers the last agent', async () => {
    const context = testContext({
      routing: { priority: 70, skills: [{ skill: 'billing', level: 2 }], greeting: 'Gold customer' },
      conversation: { id: 'conv-1', isNew: false, lastAgentId: 'a-1' },
    });
    const { result, routes } = await run({ queue: 'social-care', skills: [{ skill: 'spanish', level: 3 }], lastAgent: {} }, context);
    expect(result).toEqual({
      port: 'queued',
      reason: 'queued to "Social care" with skills billing≥2, spanish≥3, priority 70, preferring agent a-1 for 60 s',
      patch: { routing: { queue: 'social-care', skills: [{ skill: 'billing', level: 2 }, { skill: 'spanish', level: 3 }], priority: 70, preferredAgent: 'a-1' } },
      details: { queue: 'social-care' },
    });
    expect(routes).toEqual([
      {
        queue: 'social-care',
        skills: [{ skill: 'billing', level: 2 }, { skill: 'spanish', level: 3 }],
        priority: 70,
        preferredAgent: 'a-1',
        preferredAgentTimeoutSeconds: 60,
        greeting: 'Gold customer',
      },
    ]);
  });

  it('lets its own priority win and skips the last agent when told to', async () => {
    const context = testContext({ conversation: { id: 'conv-1', isNew: false, lastAgentId: 'a-1' } });
    const { result, routes } = await run({ queue: 'social-care', priority: 95, lastAgent: { prefer: false, timeoutSeconds: 30 } }, context);
    expect(result.reason).toBe('queued to "Social care" with skills billing≥1, priority 95');
    expect(routes).toEqual([{ queue: 'social-care', skills: [{ skill: 'billing', level: 1 }], priority: 95 }]);
  });

  it('says so when the conversation has no last agent', async () => {
    const context = testContext({ conversation: { id: 'conv-2', isNew: true } });
    const { result } = await run({ queue: 'social-care', lastAgent: { timeoutSeconds: 120 } }, context);
    expect(result.reason).toBe('queued to "Social care" with skills billing≥1, priority 50, no last agent to prefer');
  });

  it('fails without routing when the queue does not exist', async () => {
    const { result, routes } = await run({ queue: 'gone' }, testContext());
    expect(result).toEqual({ port: 'failed', reason: 'queue "gone" does not exist' });
    expect(routes).toEqual([]);
  });

  it('names the queue and skills for the validator and bounds skill levels', () => {
    const config = blockConfig(definition, { queue: 'dm', skills: [{ skill: 'billing', level: 2 }] });
    expect(definition.references?.(config)).toEqual([
      { kind: 'queue', id: 'dm', pointer: '/queue' },
      { kind: 'skill', id: 'billing', pointer: '/skills/0/skill' },
    ]);
    expect(configProblems(definition, { queue: 'dm', skills: [{ skill: 'billing', level: 6 }] })).toEqual(['/skills/0/level must be <= 5']);
  });
});
