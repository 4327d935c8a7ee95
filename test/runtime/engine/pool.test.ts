import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFromFolder } from '../../../runtime/src/deploy/seed.ts';
import { Engine } from '../../../runtime/src/engine/engine.ts';
import type { EnginePool } from '../../../runtime/src/engine/pool/pool.ts';
import { openStore, type Store } from '../../../runtime/src/store/index.ts';
import type { Flow } from '../../../schemas/flow.ts';
import type { InboundMessage } from '../../../schemas/message.ts';

const FLOWS = join(import.meta.dirname, '..', '..', '..', 'flows');
// A Tuesday, 10:00 in London: the social-care flow is open.
const OPEN = new Date('2026-06-16T09:00:00Z');

function mention(id: string, text: string, author = 'jane'): InboundMessage {
  return {
    channel: 'twitter', visibility: 'public', kind: 'mention', account: 'acme-twitter',
    author: { id: `tw-${author}`, handle: author, name: author }, text, replyTarget: { kind: 'tweet', id }, platformMessageId: id,
  };
}

/** What the engine keeps private: its pool's worker, and the machines its own thread compiled. */
function insides(engine: Engine) {
  const inner = engine as unknown as { pool: EnginePool; runner: { machines: Map<string, unknown> } };
  const pool = inner.pool as unknown as { members: Array<{ worker: { terminate(): Promise<number> } }>; usable: boolean; lookupsAnswered: number };
  return { pool, mainMachines: inner.runner.machines };
}

describe('Engine with a worker thread for the flows', () => {
  let store: Store;
  let pooled: Engine;
  beforeEach(() => {
    store = openStore(':memory:');
    seedFromFolder(store, FLOWS);
    pooled = new Engine({ store, now: () => OPEN, workers: 1, log: () => {} });
  });
  afterEach(async () => {
    await pooled.close();
    store.close();
  });

  it('runs a message in the worker and stores the same path, contact and interaction a run on the main thread would', async () => {
    const outcome = await pooled.receive(mention('t-1', 'my invoice is wrong, I was charged twice'));
    expect(insides(pooled).mainMachines.size).toBe(0);

    const reference = openStore(':memory:');
    seedFromFolder(reference, FLOWS);
    const alone = new Engine({ store: reference, now: () => OPEN, log: () => {} });
    const expected = await alone.receive(mention('t-1', 'my invoice is wrong, I was charged twice'));
    reference.close();

    const path = (steps: typeof outcome.steps) => steps.map((step) => [step.nodeId, step.port, step.reason.replace(/[0-9a-f-]{36}/g, 'ID')]);
    expect(outcome.status).toBe('completed');
    expect(path(outcome.steps)).toEqual(path(expected.steps));
    const stored = store.executions.get(outcome.executionId!);
    expect(stored?.steps).toEqual(outcome.steps);
    const interaction = store.interactions.get(outcome.interactionId!);
    expect(interaction).toMatchObject({ state: 'queued', queue: 'social-billing' });
    expect(store.contacts.findByIdentity('twitter', 'tw-jane')?.id).toBe(interaction?.contactId);
  });

  it('keeps contacts on the store\'s thread: a second message from the author joins the conversation', async () => {
    const first = await pooled.receive(mention('t-1', 'my invoice is wrong'));
    const second = await pooled.receive(mention('t-2', 'still waiting about that invoice'));
    const [a, b] = [store.interactions.get(first.interactionId!), store.interactions.get(second.interactionId!)];
    expect(b?.conversationId).toBe(a?.conversationId);
    expect(second.steps.find((step) => step.nodeId === 'contact')?.port).toBe('known');
  });

  it('gives the worker a changed resource once it is committed: a flag switched on takes effect for the next message', async () => {
    const flag = store.resources.get('flag', 'service-outage')!;
    store.resources.put({ ...flag, active: true } as never);
    pooled.resources.invalidate();
    await store.durable();
    await new Promise((resolve) => setImmediate(resolve));
    const outcome = await pooled.receive(mention('t-3', 'nothing loads, is there an outage?'));
    expect(outcome.steps.find((step) => step.nodeId === 'emergency')?.port).toBe('active');
  });

  it('runs a webhook\'s message (stored first, run after the answer) in the worker too', async () => {
    const accepted = await pooled.accept(mention('t-5', 'refund please, the payment failed'));
    expect(store.executions.get(accepted.outcome.executionId!)?.status).toBe('running');
    const outcome = await pooled.run(accepted);
    expect(insides(pooled).mainMachines.size).toBe(0);
    expect(outcome.status).toBe('completed');
    const stored = store.executions.get(outcome.executionId!);
    expect(stored?.status).toBe('completed');
    expect(stored?.steps.map((step) => step.nodeId)).toEqual(outcome.steps.map((step) => step.nodeId));
    expect(store.messages.get(outcome.messageId!)?.interactionId).toBe(outcome.interactionId);
  });

  it('keeps the run\'s clock going in the worker: a block after a slow one sees the later time', async () => {
    // A clock that runs in real time from an hour of our choosing, like a server's, only not today's.
    const skew = OPEN.getTime() - Date.now();
    const clocked = new Engine({ store, now: () => new Date(Date.now() + skew), workers: 1, log: () => {} });
    const slow = createServer((_request, response) => setTimeout(() => response.end('{}'), 400));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const flow: Flow = {
        id: 'clock', name: 'Clock', trigger: { accounts: ['clock-twitter'] },
        nodes: [
          { id: 'start', type: 'twitter-trigger', version: 1, config: {} },
          { id: 'before', type: 'set-data', version: 1, config: { assignments: [{ name: 'before', value: '{{ now }}' }] } },
          { id: 'call', type: 'http-request', version: 1, config: { url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, timeoutMs: 5000 } },
          { id: 'after', type: 'set-data', version: 1, config: { assignments: [{ name: 'after', value: '{{ now }}' }] } },
          { id: 'done', type: 'end', version: 1, config: {} },
        ],
        edges: [
          { from: 'start', port: 'mention', to: 'before' },
          { from: 'before', port: 'out', to: 'call' },
          { from: 'call', port: 'success', to: 'after' },
          { from: 'call', port: 'failure', to: 'after' },
          { from: 'after', port: 'out', to: 'done' },
        ],
      };
      store.resources.put({ kind: 'account', id: 'clock-twitter', name: '@Clock', channel: 'twitter', platformId: '9' });
      store.flows.create(flow);
      store.flows.publish(flow.id, flow, 'test');
      clocked.reloadFlows();
      const outcome = await clocked.receive({ ...mention('t-6', 'what time is it?'), account: 'clock-twitter' });
      expect(insides(clocked).mainMachines.size).toBe(0);
      // set-data's reason quotes what it set: `set before = "2026-…Z"`
      const said = (name: string) => Date.parse(/\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(store.executions.get(outcome.executionId!)?.steps.find((step) => step.nodeId === name)?.reason ?? '')?.[0] ?? '');
      const [before, after] = [said("before"), said("after")];
      expect(before - OPEN.getTime()).toBeGreaterThanOrEqual(0);
      expect(before - OPEN.getTime()).toBeLessThan(5_000);
      expect(after - before).toBeGreaterThanOrEqual(390);
    } finally {
      await clocked.close();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('does the contact look-up before the run when the trigger leads straight to it: no round trip from the worker, same contact', async () => {
    const first = await pooled.receive(mention('t-10', 'my invoice is wrong', 'ahead'));
    const second = await pooled.receive(mention('t-11', 'still about that invoice', 'ahead'));
    expect(insides(pooled).pool.lookupsAnswered).toBe(0);
    const contactStep = (outcome: typeof first) => outcome.steps.find((step) => step.nodeId === 'contact');
    expect(contactStep(first)?.port).toBe('new');
    expect(contactStep(second)?.port).toBe('known');
    expect(store.interactions.get(second.interactionId!)?.conversationId).toBe(store.interactions.get(first.interactionId!)?.conversationId);
  });

  it('asks the main thread as before when a block stands between the trigger and the look-up, and looks nothing up for a filtered message', async () => {
    store.resources.put({ kind: 'account', id: 'late-twitter', name: '@Late', channel: 'twitter', platformId: '8' });
    const flow: Flow = {
      id: 'late-lookup', name: 'Look-up after a step', trigger: { accounts: ['late-twitter'] },
      nodes: [
        { id: 'start', type: 'twitter-trigger', version: 1, config: { events: ['mention'] } },
        { id: 'tag', type: 'set-data', version: 1, config: { assignments: [{ name: 'seen', value: 'yes' }] } },
        { id: 'contact', type: 'identify-contact', version: 1, config: {} },
        { id: 'done', type: 'end', version: 1, config: {} },
      ],
      edges: [
        { from: 'start', port: 'mention', to: 'tag' },
        { from: 'tag', port: 'out', to: 'contact' },
        { from: 'contact', port: 'new', to: 'done' },
        { from: 'contact', port: 'known', to: 'done' },
        { from: 'contact', port: 'unknown', to: 'done' },
      ],
    };
    store.flows.create(flow);
    store.flows.publish(flow.id, flow, 'test');
    pooled.reloadFlows();
    const outcome = await pooled.receive({ ...mention('t-12', 'hi', 'later'), account: 'late-twitter' });
    expect(outcome.steps.find((step) => step.nodeId === 'contact')?.port).toBe('new');
    expect(insides(pooled).pool.lookupsAnswered).toBe(1);

    // A direct message is filtered out by the trigger: nothing is looked up, no contact made.
    const dm = { ...mention('t-13', 'psst', 'quiet'), account: 'late-twitter', visibility: 'private' as const, kind: 'dm' as const };
    const filtered = await pooled.receive(dm);
    expect(filtered.steps.map((step) => step.port)).toEqual(['filtered']);
    expect(store.contacts.findByIdentity('twitter', 'tw-quiet')).toBeUndefined();
    expect(insides(pooled).pool.lookupsAnswered).toBe(1);
  });

  it('runs flows on its own thread again once the worker is gone', async () => {
    const { pool } = insides(pooled);
    await pool.members[0]!.worker.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pool.usable).toBe(false);
    const outcome = await pooled.receive(mention('t-4', 'my invoice is wrong'));
    expect(outcome.status).toBe('completed');
    expect(insides(pooled).mainMachines.size).toBe(1);
    expect(store.executions.get(outcome.executionId!)).toBeDefined();
  });
});
