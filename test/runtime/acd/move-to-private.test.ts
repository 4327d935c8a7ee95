import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { call } from '../routes/api.ts';
import { acdRuntime, inject, offerFor, setStatus } from './support.ts';

describe('ACD: a conversation moved to private', () => {
  let runtime: Runtime;
  afterEach(() => runtime.close());

  it("counts against the agent's private capacity from then on, so the public slot takes the next post", async () => {
    ({ runtime } = await acdRuntime());
    // Bob takes one public post at once (capacity public: 1, twitter:private: 2).
    await setStatus(runtime, 'bob', 'available');
    const first = await inject(runtime, 'mp-1', '42');
    await call(runtime, 'POST', `/api/offers/${offerFor(runtime, first)!.id}/accept`);
    expect(runtime.acd.agent('bob')!.load).toEqual({ public: 1 });
    const second = await inject(runtime, 'mp-2', '43');
    expect(offerFor(runtime, second)).toBeUndefined();

    const moved = await call(runtime, 'POST', `/api/interactions/${first}/move-to-private`, { text: 'Please DM us your order number', agentId: 'bob' });
    expect(moved.status).toBe(201);
    expect(runtime.acd.acd.interaction(first)).toMatchObject({ state: 'assigned', visibility: 'private' });
    // The public slot is free: the waiting post is offered to bob at once.
    expect(offerFor(runtime, second)?.agentId).toBe('bob');
    expect(runtime.acd.agent('bob')!.load).toEqual({ public: 1, 'twitter:private': 1 });

    // Closing the private conversation gives back the private slot, not the public one.
    expect((await call(runtime, 'POST', `/api/interactions/${first}/close`, { disposition: 'resolved-private' })).status).toBe(200);
    expect(runtime.acd.agent('bob')!.load).toEqual({ public: 1, 'twitter:private': 0 });
  });
});
