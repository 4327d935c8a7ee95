import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../runtime/src/engine/engine.ts';
import { openStore, type Store } from '../../../runtime/src/store/index.ts';
import type { Flow } from '../../../schemas/flow.ts';
import { accounts, routerFlow, tweet } from './fixtures.ts';

function publish(store: Store, flow: Flow) {
  store.flows.create(flow);
  store.flows.publish(flow.id, flow, 'test');
}

describe('Engine', () => {
  let store: Store;
  let engine: Engine;

  beforeEach(() => {
    store = openStore(':memory:');
    for (const account of accounts) store.resources.put(account);
    publish(store, routerFlow);
    engine = new Engine({ store, now: () => new Date('2026-03-02T10:00:00Z'), log: () => {} });
  });
  afterEach(() => store.close());

  it('runs the published flow of the account and takes the port each block returns', async () => {
    const outcome = await engine.receive(tweet('I need a refund for my last invoice', 't-1'));
    expect(outcome.status).toBe('completed');
    expect(outcome.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['start', 'mention'],
      ['route', 'billing'],
      ['tag', 'out'],
      ['done', 'end'],
    ]);
    expect(outcome.steps[1].reason).toMatch(/refund|invoice/);
  });

  it('persists every step with its reason and duration, and the interaction', async () => {
    const outcome = await engine.receive(tweet('hello there', 't-2'));
    const execution = store.executions.get(outcome.executionId!);
    expect(execution?.status).toBe('completed');
    expect(execution?.steps.map((step) => step.port)).toEqual(['mention', 'default', 'end']);
    expect(execution?.steps.every((step) => step.durationMs >= 0 && step.reason.length > 0)).toBe(true);
    const interaction = store.interactions.get(outcome.interactionId!);
    expect(interaction?.state).toBe('completed');
    expect(store.messages.get(outcome.messageId!)?.interactionId).toBe(outcome.interactionId);
  });

  it('carries data set by one block to the templates of the next', async () => {
    const outcome = await engine.receive(tweet('refund please', 't-3', '7'));
    const interaction = store.interactions.get(outcome.interactionId!);
    expect(interaction?.attributes).toEqual({ topic: 'billing for user7' });
  });

  it('runs a flow once for a platform message id seen before', async () => {
    await engine.receive(tweet('refund', 'same-id'));
    const again = await engine.receive(tweet('refund', 'same-id'));
    expect(again.status).toBe('duplicate');
    expect(store.executions.list({ flowId: 'router' })).toHaveLength(1);
  });

  it('keeps one run when the same platform message arrives twice at once, and stores nothing of the other', async () => {
    const [first, second] = await Promise.all([engine.receive(tweet('refund', 'twice')), engine.receive(tweet('refund', 'twice'))]);
    expect([first.status, second.status].sort()).toEqual(['completed', 'duplicate']);
    expect(store.executions.list({ flowId: 'router' })).toHaveLength(1);
    expect(store.messages.list({ limit: 10 })).toHaveLength(1);
    expect(store.interactions.list({ limit: 10 })).toHaveLength(1);
  });

  it('stores a message for an account no published flow takes, and runs nothing', async () => {
    const outcome = await engine.receive({ ...tweet('hi', 'w-1'), channel: 'whatsapp', visibility: 'private', kind: 'message', account: 'acme-whatsapp' });
    expect(outcome.status).toBe('no-flow');
    expect(store.messages.get(outcome.messageId!)).toBeDefined();
    expect(store.executions.list({})).toHaveLength(0);
  });

  it('ends a run when no trigger block of the flow takes the message channel', async () => {
    const outcome = await engine.receive({ ...tweet('hi', 'x-1'), channel: 'line', visibility: 'private', kind: 'message' });
    expect(outcome.status).toBe('unmatched');
    expect(outcome.steps).toHaveLength(0);
  });

  it('fails the run, with the node and the error, when a block throws', async () => {
    const broken: Flow = {
      ...routerFlow,
      id: 'broken',
      trigger: { accounts: ['acme-whatsapp'] },
      nodes: [
        { id: 'start', type: 'messaging-trigger', version: 1, config: {} },
        { id: 'hours', type: 'operating-hours', version: 1, config: { schedule: 'missing-schedule' } },
        { id: 'done', type: 'end', version: 1, config: {} },
      ],
      edges: [
        { from: 'start', port: 'out', to: 'hours' },
        { from: 'hours', port: 'open', to: 'done' },
        { from: 'hours', port: 'closed', to: 'done' },
      ],
    };
    publish(store, broken);
    engine.reloadFlows();
    const outcome = await engine.receive({ ...tweet('hi', 'w-2'), channel: 'whatsapp', visibility: 'private', kind: 'message', account: 'acme-whatsapp' });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/hours/);
    expect(store.executions.get(outcome.executionId!)?.status).toBe('failed');
    expect(store.interactions.get(outcome.interactionId!)?.state).toBe('failed');
  });

  it('simulates without writing anything', async () => {
    const before = store.messages.list({ limit: 100 }).length;
    const outcome = await engine.simulate(routerFlow, tweet('refund', 'sim-1'));
    expect(outcome.steps.map((step) => step.port)).toEqual(['mention', 'billing', 'out', 'end']);
    expect(store.messages.list({ limit: 100 })).toHaveLength(before);
    expect(store.executions.list({})).toHaveLength(0);
  });

  it('handles many messages at once, each in its own actor', async () => {
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => engine.receive(tweet(i % 2 ? 'refund' : 'hello', `bulk-${i}`, String(i % 10)))));
    expect(outcomes.every((outcome) => outcome.status === 'completed')).toBe(true);
    expect(outcomes.filter((outcome) => outcome.steps[1].port === 'billing')).toHaveLength(100);
    expect(store.executions.list({ limit: 1000 })).toHaveLength(200);
  });
});
