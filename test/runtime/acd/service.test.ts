import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { call } from '../routes/api.ts';
import { acdRuntime, inject, offerFor, setStatus } from './support.ts';

describe('ACD service: store and restart', () => {
  let dir: string;
  let runtime: Runtime | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-acd-'));
  });
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores agent states, assigned work, subscriptions and waiting interactions after a restart', async () => {
    const database = join(dir, 'switchyard.db');
    ({ runtime } = await acdRuntime({ database }));
    await setStatus(runtime, 'alice', 'available');
    const worked = await inject(runtime, 'p-1', '42');
    await call(runtime, 'POST', `/api/offers/${offerFor(runtime, worked)!.id}/accept`);
    await setStatus(runtime, 'alice', 'not-ready', 'lunch');
    const waiting = await inject(runtime, 'p-2', '43');
    expect(runtime.store.interactions.get(waiting)).toMatchObject({ state: 'queued' });
    // Bob gets a third one on offer when the runtime stops: the offer does not survive, the interaction does.
    await setStatus(runtime, 'bob', 'available');
    expect(offerFor(runtime, waiting)?.agentId).toBe('bob');
    const offered = offerFor(runtime, waiting)!;
    const contact = runtime.store.interactions.get(worked)!.contactId;
    await runtime.close();

    ({ runtime } = await acdRuntime({ database }));
    expect(runtime.store.acd.offer(offered.id)).toMatchObject({ endReason: 'withdrawn' });
    expect(runtime.acd.agent('alice')).toMatchObject({ status: 'not-ready', reason: 'lunch', assigned: [worked], load: { public: 1 }, subscriptions: [contact] });
    // Bob was available: the waiting interaction is offered to him again, under a new offer.
    expect(runtime.acd.agent('bob')).toMatchObject({ status: 'available' });
    const again = offerFor(runtime, waiting)!;
    expect(again).toMatchObject({ agentId: 'bob' });
    expect(again.id).not.toBe(offered.id);
    expect(runtime.store.interactions.get(waiting)).toMatchObject({ state: 'offered', agentId: 'bob' });

    // Alice's restored work counts against her capacity (public: 2): one more fits, then none.
    await call(runtime, 'POST', `/api/offers/${again.id}/deny`);
    await setStatus(runtime, 'bob', 'offline');
    await setStatus(runtime, 'alice', 'available');
    expect(offerFor(runtime, waiting)?.agentId).toBe('alice');
    const third = await inject(runtime, 'p-3', '44');
    expect(runtime.store.interactions.get(third)).toMatchObject({ state: 'queued' });
    expect(runtime.acd.agent('alice')!.load).toEqual({ public: 2 });

    // Released work frees the slot and the next waiting interaction is offered at once.
    await call(runtime, 'POST', `/api/interactions/${worked}/release`);
    expect(runtime.store.interactions.get(worked)).toMatchObject({ state: 'closed', agentId: 'alice' });
    expect(offerFor(runtime, third)?.agentId).toBe('alice');
  });

  it('routes a returning customer to the agent on whose subscription list they are', async () => {
    let clock: { now: number };
    ({ runtime, clock } = await acdRuntime());
    await setStatus(runtime, 'alice', 'available');
    await setStatus(runtime, 'bob', 'available');
    clock.now += 1000;
    const first = await inject(runtime, 'p-1', '42');
    const served = offerFor(runtime, first)!;
    expect(served.agentId).toBe('alice');
    await call(runtime, 'POST', `/api/offers/${served.id}/accept`);
    clock.now += 1000;
    await call(runtime, 'POST', `/api/interactions/${first}/release`);
    // Bob has now been idle longest, but the customer is on Alice's list; the closed interaction is not joined.
    const second = await inject(runtime, 'p-2', '42');
    expect(second).not.toBe(first);
    expect(runtime.acd.agent('bob')!.idleSince).toBeLessThan(runtime.acd.agent('alice')!.idleSince);
    expect(offerFor(runtime, second)?.agentId).toBe('alice');
    // A customer nobody served goes to the longest idle agent.
    const stranger = await inject(runtime, 'p-3', '77');
    expect(offerFor(runtime, stranger)?.agentId).toBe('bob');
  });

  it('logs and ignores an interaction the ACD already has', async () => {
    ({ runtime } = await acdRuntime());
    await setStatus(runtime, 'alice', 'available');
    const id = await inject(runtime, 'p-1');
    runtime.acd.interactionQueued(runtime.store.interactions.get(id)!);
    expect(offerFor(runtime, id)?.agentId).toBe('alice');
  });
});
