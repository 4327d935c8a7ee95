import { describe, expect, it } from 'vitest';
import { AcdError } from '../../../runtime/src/acd/index.ts';
import { agent, harness, interaction } from './fixtures.ts';

function errorCode(work: () => void): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof AcdError) return error.code;
    throw error;
  }
  return undefined;
}

describe('Acd offers', () => {
  it('on deny, parks the interaction in that agent\'s personal queue and offers it to the next agent', () => {
    const h = harness();
    h.acd.agentChanged(agent('first', { idleSince: h.now - 60_000 }));
    h.acd.agentChanged(agent('second', { idleSince: h.now - 30_000 }));
    h.acd.enqueue(interaction('i1'));
    h.acd.offerDenied(h.offersTo('first')[0], 'first');
    expect(h.acd.agent('first')!.personalQueue).toEqual(['i1']);
    expect(h.offeredTo('i1')).toEqual(['first', 'second']);
    expect(h.acd.agent('first')!.load).toEqual({ public: 0 });
  });

  it('does not offer a denied interaction to the same agent again, who still gets other work', () => {
    const h = harness();
    h.acd.agentChanged(agent('a', { capacity: { public: 1 } }));
    h.acd.enqueue(interaction('i1'));
    h.acd.enqueue(interaction('i2'));
    h.acd.offerDenied(h.offersTo('a')[0]);
    expect(h.offeredTo('i1')).toEqual(['a']);
    expect(h.offeredTo('i2')).toEqual(['a']);
    expect(h.acd.interaction('i1')!.state).toBe('waiting');
  });

  it('times out an offer after 30 s by default, with the same outcome as a deny', () => {
    const h = harness();
    h.acd.agentChanged(agent('first', { idleSince: h.now - 60_000 }));
    h.acd.agentChanged(agent('second', { status: 'not-ready', reason: 'break' }));
    h.acd.enqueue(interaction('i1'));
    h.advance(29_999);
    expect(h.acd.interaction('i1')!.state).toBe('offered');
    h.advance(1);
    expect(h.events).toContainEqual({ type: 'offer-ended', offer: expect.objectContaining({ agentId: 'first' }), end: 'expired' });
    expect(h.acd.agent('first')!.personalQueue).toEqual(['i1']);
    h.acd.agentChanged(agent('second'));
    expect(h.offeredTo('i1')).toEqual(['first', 'second']);
  });

  it('takes the offer timeout from the options', () => {
    const h = harness({ offerTimeoutMs: 5_000 });
    h.acd.agentChanged(agent('a'));
    h.acd.enqueue(interaction('i1'));
    expect(h.acd.nextTimerAt()).toBe(h.now + 5_000);
    h.advance(5_000);
    expect(h.acd.interaction('i1')!.state).toBe('waiting');
  });

  it('lets the first to take it win: a pull from the personal queue beats the pending offer', () => {
    const h = harness();
    h.acd.agentChanged(agent('first', { idleSince: h.now - 60_000 }));
    h.acd.agentChanged(agent('second', { idleSince: h.now - 30_000 }));
    h.acd.enqueue(interaction('i1'));
    h.acd.offerDenied(h.offersTo('first')[0]);
    const secondOffer = h.offersTo('second')[0];
    h.acd.pull('first', 'i1');
    expect(h.acd.interaction('i1')).toMatchObject({ state: 'assigned', agentId: 'first' });
    expect(h.events).toContainEqual({ type: 'offer-ended', offer: expect.objectContaining({ id: secondOffer }), end: 'taken' });
    expect(errorCode(() => h.acd.offerAccepted(secondOffer, 'second'))).toBe('offer-closed');
    expect(h.acd.agent('first')!.personalQueue).toEqual([]);
    expect(h.acd.agent('second')!.load).toEqual({ public: 0 });
  });

  it('lets the first to take it win: an accept elsewhere empties the personal queue', () => {
    const h = harness();
    h.acd.agentChanged(agent('first', { idleSince: h.now - 60_000 }));
    h.acd.agentChanged(agent('second', { idleSince: h.now - 30_000 }));
    h.acd.enqueue(interaction('i1'));
    h.acd.offerDenied(h.offersTo('first')[0]);
    h.acd.offerAccepted(h.offersTo('second')[0], 'second');
    expect(h.events).toContainEqual({ type: 'unparked', interactionId: 'i1', agentId: 'first' });
    expect(errorCode(() => h.acd.pull('first', 'i1'))).toBe('not-in-personal-queue');
  });

  it('puts the contact on the agent\'s subscription list on accept', () => {
    const h = harness();
    h.acd.agentChanged(agent('a'));
    h.acd.enqueue(interaction('i1', { contactId: 'c1' }));
    expect(h.acd.agent('a')!.subscriptions).toEqual([]);
    h.acd.offerAccepted(h.offersTo('a')[0]);
    expect(h.acd.agent('a')!.subscriptions).toEqual(['c1']);
    expect(h.events).toContainEqual({ type: 'subscribed', agentId: 'a', contactId: 'c1' });
  });

  it('refuses to accept an offer twice, after its timeout, or for another agent, leaving state alone', () => {
    const h = harness();
    h.acd.agentChanged(agent('a'));
    h.acd.agentChanged(agent('b', { capacity: { public: 0 } }));
    h.acd.enqueue(interaction('i1'));
    h.acd.enqueue(interaction('i2', { visibility: 'private' }));
    const [first, second] = h.offersTo('a');
    expect(errorCode(() => h.acd.offerAccepted(first, 'b'))).toBe('not-owner');
    h.acd.offerAccepted(first, 'a');
    expect(errorCode(() => h.acd.offerAccepted(first, 'a'))).toBe('offer-closed');
    h.clock.now += 30_000;
    expect(errorCode(() => h.acd.offerAccepted(second, 'a'))).toBe('offer-closed');
    expect(h.acd.agent('a')!.personalQueue).toEqual(['i2']);
    expect(errorCode(() => h.acd.offerAccepted('nope'))).toBe('unknown-offer');
    expect(h.acd.interaction('i1')).toMatchObject({ state: 'assigned', agentId: 'a' });
  });

  it('refuses to release another agent\'s interaction or one not assigned', () => {
    const h = harness();
    h.acd.agentChanged(agent('a'));
    h.acd.enqueue(interaction('i1'));
    expect(errorCode(() => h.acd.release('i1', 'a'))).toBe('not-assigned');
    h.acd.offerAccepted(h.offersTo('a')[0]);
    expect(errorCode(() => h.acd.release('i1', 'b'))).toBe('not-owner');
    expect(errorCode(() => h.acd.enqueue(interaction('i1')))).toBe('duplicate-interaction');
    expect(h.acd.interaction('i1')!.state).toBe('assigned');
  });

  it('refuses a pull without room for it', () => {
    const h = harness();
    h.acd.agentChanged(agent('a', { capacity: { public: 1 } }));
    h.acd.enqueue(interaction('i1'));
    h.acd.offerDenied(h.offersTo('a')[0]);
    h.acd.enqueue(interaction('i2'));
    h.acd.offerAccepted(h.offersTo('a')[1]);
    expect(errorCode(() => h.acd.pull('a', 'i1'))).toBe('no-capacity');
    h.acd.release('i2');
    h.acd.pull('a', 'i1');
    expect(h.acd.interaction('i1')).toMatchObject({ state: 'assigned', agentId: 'a' });
    expect(h.events).toContainEqual({ type: 'assigned', interactionId: 'i1', agentId: 'a', via: 'pull' });
  });

  it('removes an interaction from its queue, offer and personal queues', () => {
    const h = harness();
    h.acd.agentChanged(agent('a'));
    h.acd.agentChanged(agent('b'));
    h.acd.enqueue(interaction('i1'));
    h.acd.offerDenied(h.acd.interaction('i1')!.offer!.id);
    h.acd.remove('i1');
    expect(h.acd.interaction('i1')).toBeUndefined();
    expect(h.acd.agents().map((a) => [a.personalQueue, a.offers])).toEqual([[[], []], [[], []]]);
  });
});
