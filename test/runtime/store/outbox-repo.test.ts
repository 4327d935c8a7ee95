import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, type Store } from '../../../runtime/src/store/index.ts';
import { at, reply, storeWithQueuedReplies } from './fixtures.ts';

describe('OutboxRepo', () => {
  let store: Store;
  beforeEach(() => {
    store = storeWithQueuedReplies(['out-b', 'out-a', 'out-c']);
  });
  afterEach(() => store.close());

  it('stores queued actions pending, with their run, interaction and deadline', () => {
    expect(store.outbox.get('out-a')).toEqual({
      ...reply('out-a', 'msg-1', 60),
      executionId: 'run-1',
      interactionId: 'int-1',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at(1),
      deadlineAt: at(61),
      createdAt: at(1),
      updatedAt: at(1),
    });
  });

  it('hands out due items oldest first, each to one claim, and says when the next is due', () => {
    const claimed = (now: number, limit: number) => store.outbox.claimDue(at(now), limit, 60).map((item) => item.id);
    expect(claimed(0, 10)).toEqual([]);
    expect(store.outbox.nextDueAt()).toBe(at(1));
    store.outbox.markFailed('out-a', at(2), 'timeout', at(30));
    expect(claimed(5, 1)).toEqual(['out-b']);
    // out-b is leased to the first claim until 65 s
    expect(claimed(5, 10)).toEqual(['out-c']);
    expect(claimed(29, 10)).toEqual([]);
    expect(claimed(30, 10)).toEqual(['out-a']);

    store.outbox.markSent('out-b', at(3), 'tweet-99');
    store.outbox.markSent('out-c', at(3));
    expect(store.outbox.get('out-b')).toMatchObject({ status: 'sent', attempts: 1, platformResultId: 'tweet-99', updatedAt: at(3) });
    // out-a's lease
    expect(store.outbox.nextDueAt()).toBe(at(90));
    store.outbox.markSent('out-a', at(31));
    expect(store.outbox.nextDueAt()).toBeUndefined();
  });

  it('retries a failure until the deadline, then marks it dead', () => {
    const retried = store.outbox.markFailed('out-a', at(2), 'rate limited', at(40));
    expect(retried).toMatchObject({ status: 'pending', attempts: 1, lastError: 'rate limited', nextAttemptAt: at(40), updatedAt: at(2) });

    const lastChance = store.outbox.markFailed('out-a', at(40), 'rate limited', at(61));
    expect(lastChance).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: at(61) });

    const dead = store.outbox.markFailed('out-a', at(61), 'still down', at(90));
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, lastError: 'still down', nextAttemptAt: at(61) });
    expect(store.outbox.claimDue(at(1000), 10, 60).map((item) => item.id)).not.toContain('out-a');

    expect(store.outbox.markFailed('out-b', at(2), 'bad request', undefined)).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('returns an agent\'s queued action as a read would give it', () => {
    const queued = store.transaction(() => store.outbox.enqueue(reply('out-agent', 'msg-1', 30), { interactionId: 'int-1' }, at(7)));
    expect(queued).toEqual(store.outbox.get('out-agent'));
    expect(queued).toMatchObject({ status: 'pending', interactionId: 'int-1', nextAttemptAt: at(7), deadlineAt: at(37) });
    expect(queued.executionId).toBeUndefined();
  });

  it('refuses to mark an unknown item', () => {
    expect(() => store.outbox.markFailed('nope', at(2), 'x', undefined)).toThrow(NotFoundError);
    expect(() => store.outbox.markSent('nope', at(2))).toThrow(NotFoundError);
  });

  it('lists by status, run and interaction', () => {
    store.outbox.markSent('out-a', at(2));
    expect(store.outbox.list({ status: 'sent' }).map((item) => item.id)).toEqual(['out-a']);
    expect(store.outbox.list({ status: 'pending', executionId: 'run-1' }).map((item) => item.id).sort()).toEqual(['out-b', 'out-c']);
    expect(store.outbox.list({ interactionId: 'int-1' })).toHaveLength(3);
    expect(store.outbox.list({ interactionIds: ['int-0', 'int-1'], status: 'sent' }).map((item) => item.id)).toEqual(['out-a']);
    expect(store.outbox.list({ interactionIds: ['int-0'] })).toEqual([]);
    expect(store.outbox.list({ executionId: 'run-2' })).toEqual([]);
  });
});
