import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { call } from '../routes/api.ts';
import { FLOWS, inject, offerFor, OPEN, setStatus } from './support.ts';

/** Ten minutes: a customer's last agent is waited for this long (so a wrong preference would hold the interaction back). */
const SUBSCRIPTION_WINDOW_MS = 10 * 60 * 1000;

describe('ACD service: personal queues, declines and transfer exclusions survive a restart', () => {
  let dir: string;
  let database: string;
  let runtime: Runtime | undefined;
  const clock = { now: OPEN };

  const start = async () => {
    runtime = await startRuntime(
      { database, seed: FLOWS, quiet: true, now: () => new Date(OPEN), acd: { now: () => clock.now, subscriptionWindowMs: SUBSCRIPTION_WINDOW_MS } },
      false,
    );
    return runtime;
  };
  const restart = async () => {
    await runtime!.close();
    return start();
  };

  beforeEach(() => {
    clock.now = OPEN;
    dir = mkdtempSync(join(tmpdir(), 'switchyard-acd-declines-'));
    database = join(dir, 'switchyard.db');
  });
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a denied interaction in the agent's personal queue and away from their offers; pulling it ends the decline", async () => {
    let rt = await start();
    await setStatus(rt, 'alice', 'available');
    const id = await inject(rt, 'd-1', '42');
    const offer = offerFor(rt, id)!;
    expect(offer.agentId).toBe('alice');
    expect((await call(rt, 'POST', `/api/offers/${offer.id}/deny`)).status).toBe(200);
    expect(rt.acd.agent('alice')!.personalQueue).toEqual([id]);
    expect(rt.store.acd.declines()).toMatchObject([{ interactionId: id, agentId: 'alice' }]);

    rt = await restart();
    expect(rt.acd.agent('alice')).toMatchObject({ status: 'available', personalQueue: [id] });
    // Alice has room, but she declined it: it waits for someone else.
    expect(offerFor(rt, id)).toBeUndefined();
    expect(rt.store.interactions.get(id)).toMatchObject({ state: 'queued' });
    expect(rt.acd.acd.interaction(id)!.declinedBy).toEqual(['alice']);

    clock.now += 1000;
    await setStatus(rt, 'bob', 'available');
    expect(offerFor(rt, id)?.agentId).toBe('bob');
    // The first to take it wins: alice pulls it from her personal queue while it is on offer to bob.
    const pulled = await call(rt, 'POST', `/api/agents/alice/personal-queue/${id}/pull`);
    expect(pulled.status).toBe(200);
    expect(rt.store.interactions.get(id)).toMatchObject({ state: 'assigned', agentId: 'alice' });
    expect(rt.store.acd.declines()).toEqual([]);

    rt = await restart();
    expect(rt.acd.agent('alice')).toMatchObject({ assigned: [id], personalQueue: [] });
  });

  it('forgets the declines of an interaction that was closed', async () => {
    const rt = await start();
    await setStatus(rt, 'alice', 'available');
    const id = await inject(rt, 'd-2', '42');
    await call(rt, 'POST', `/api/offers/${offerFor(rt, id)!.id}/deny`);
    expect(rt.store.acd.declines()).toHaveLength(1);
    expect((await call(rt, 'POST', `/api/interactions/${id}/close`, { disposition: 'spam' })).status).toBe(200);
    expect(rt.store.acd.declines()).toEqual([]);
    expect(rt.acd.agent('alice')!.personalQueue).toEqual([]);
  });

  it('does not route a transferred interaction back to the agent who transferred it, after a restart either', async () => {
    let rt = await start();
    await setStatus(rt, 'bob', 'available');
    const id = await inject(rt, 't-1', '42', 'The app keeps crashing when I log in');
    expect(rt.store.interactions.get(id)!.queue).toBe('social-technical');
    const offer = offerFor(rt, id)!;
    expect(offer.agentId).toBe('bob');
    await call(rt, 'POST', `/api/offers/${offer.id}/accept`);
    expect(rt.acd.agent('bob')!.subscriptions).toHaveLength(1);
    await setStatus(rt, 'bob', 'not-ready', 'break');
    const moved = await call(rt, 'POST', `/api/interactions/${id}/transfer`, { queue: 'social-care', agentId: 'bob' });
    expect(moved.status).toBe(200);
    expect(rt.store.interactions.get(id)).toMatchObject({ state: 'queued', queue: 'social-care' });
    expect(rt.store.acd.transferExclusions()).toMatchObject([{ interactionId: id, agentId: 'bob' }]);

    rt = await restart();
    // Bob is the customer's last agent, but he passed it on: it is not held for him.
    expect(rt.acd.acd.interaction(id)).toMatchObject({ state: 'waiting' });
    clock.now += 1000;
    await setStatus(rt, 'alice', 'available');
    expect(offerFor(rt, id)?.agentId).toBe('alice');
    await call(rt, 'POST', `/api/offers/${offerFor(rt, id)!.id}/accept`);
    expect((await call(rt, 'POST', `/api/interactions/${id}/close`, { disposition: 'resolved' })).status).toBe(200);
    expect(rt.store.acd.transferExclusions()).toEqual([]);
  });
});
