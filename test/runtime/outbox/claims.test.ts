import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../runtime/src/store/index.ts';
import { at, storeWithQueuedReplies } from '../store/fixtures.ts';

describe('OutboxRepo claims', () => {
  let store: Store;
  beforeEach(() => {
    store = storeWithQueuedReplies(['out-a', 'out-b', 'out-c']);
  });
  afterEach(() => store.close());

  it('hands each due item to one claimant only, leased until the lease ends', () => {
    const first = store.outbox.claimDue(at(2), 2, 30);
    const second = store.outbox.claimDue(at(2), 10, 30);
    expect(first.map((item) => item.id)).toEqual(['out-a', 'out-b']);
    expect(second.map((item) => item.id)).toEqual(['out-c']);
    expect(store.outbox.claimDue(at(3), 10, 30)).toEqual([]);
    expect(first[0]).toMatchObject({ status: 'pending', attempts: 0, sendingSince: at(2), nextAttemptAt: at(32) });
    expect(first[0].claim).not.toBe(second[0].claim);
    expect(store.outbox.get('out-a')).toMatchObject({ sendingSince: at(2), nextAttemptAt: at(32) });
    expect(store.outbox.nextDueAt()).toBe(at(32));
  });

  it('ends the claim when the attempt is recorded', () => {
    const [a, b] = store.outbox.claimDue(at(2), 2, 30);
    store.outbox.markSent(a.id, at(3), 'tweet-1');
    expect(store.outbox.get(a.id)).toMatchObject({ status: 'sent', attempts: 1, sendingSince: undefined });
    expect(store.outbox.markFailed(b.id, at(3), 'HTTP 500', at(5), b.claim)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(5), sendingSince: undefined });
    expect(store.outbox.claimDue(at(5), 10, 30).map((item) => item.id)).toEqual(['out-b', 'out-c']);
  });

  it('gives an item whose claimant died back once the lease is over, and ignores the late claimant', () => {
    const [stale] = store.outbox.claimDue(at(2), 1, 30);
    expect(store.outbox.claimDue(at(31), 10, 30).map((item) => item.id)).not.toContain('out-a');
    const [fresh] = store.outbox.claimDue(at(32), 1, 30);
    expect(fresh.id).toBe('out-a');

    // The first claimant wakes up and reports a failure: it must not release the new claimant's lease.
    expect(store.outbox.markFailed('out-a', at(33), 'HTTP 500', at(34), stale.claim)).toBeUndefined();
    expect(store.outbox.get('out-a')).toMatchObject({ attempts: 0, nextAttemptAt: at(62), sendingSince: at(32) });
    expect(store.outbox.markFailed('out-a', at(35), 'still down', undefined, fresh.claim)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'still down' });
  });
});
