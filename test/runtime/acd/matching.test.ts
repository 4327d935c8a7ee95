import { describe, expect, it } from 'vitest';
import { agent, harness, interaction } from './fixtures.ts';

describe('Acd matching', () => {
  it('offers a new interaction to the longest-idle eligible agent', () => {
    const h = harness();
    h.acd.agentChanged(agent('recent', { idleSince: h.now - 1_000 }));
    h.acd.agentChanged(agent('longest', { idleSince: h.now - 60_000 }));
    h.acd.agentChanged(agent('middle', { idleSince: h.now - 30_000 }));
    h.acd.enqueue(interaction('i1'));
    expect(h.offeredTo('i1')).toEqual(['longest']);
  });

  it('only offers to agents with every required skill at the minimum level', () => {
    const h = harness();
    h.acd.agentChanged(agent('novice', { skills: { billing: 2, spanish: 5 }, idleSince: h.now - 60_000 }));
    h.acd.agentChanged(agent('no-spanish', { skills: { billing: 5 }, idleSince: h.now - 50_000 }));
    h.acd.agentChanged(agent('expert', { skills: { billing: 3, spanish: 1 }, idleSince: h.now - 1_000 }));
    h.acd.enqueue(interaction('i1', { skills: [{ skill: 'billing', level: 3 }, { skill: 'spanish', level: 1 }] }));
    expect(h.offeredTo('i1')).toEqual(['expert']);
  });

  it('keeps a queue with an agent group to the members of that group', () => {
    const h = harness();
    h.acd.queueChanged({ id: 'dm', agentGroup: 'dm-team' });
    h.acd.agentChanged(agent('outsider', { idleSince: h.now - 60_000 }));
    h.acd.agentChanged(agent('member', { groups: ['dm-team'], idleSince: h.now - 1_000 }));
    h.acd.enqueue(interaction('i1', { queue: 'dm', visibility: 'private' }));
    expect(h.offeredTo('i1')).toEqual(['member']);
  });

  it('counts capacity per channel kind: one public post and three private conversations at once', () => {
    const h = harness();
    h.acd.agentChanged(agent('a', { capacity: { public: 1, private: 3 } }));
    for (const id of ['p1', 'p2']) h.acd.enqueue(interaction(id, { visibility: 'public' }));
    for (const id of ['d1', 'd2', 'd3', 'd4']) h.acd.enqueue(interaction(id, { visibility: 'private' }));
    expect(h.offersTo('a').map((o) => h.acd.offer(o)!.interactionId)).toEqual(['p1', 'd1', 'd2', 'd3']);
    expect(h.acd.interaction('p2')!.state).toBe('waiting');
    expect(h.acd.interaction('d4')!.state).toBe('waiting');
    expect(h.acd.agent('a')!.load).toEqual({ public: 1, private: 3 });
  });

  it('uses the most specific capacity key: channel and visibility, then channel, then visibility', () => {
    const h = harness();
    h.acd.agentChanged(agent('a', { capacity: { 'facebook:public': 0, whatsapp: 2, public: 1 } }));
    h.acd.enqueue(interaction('fb', { channel: 'facebook' }));
    h.acd.enqueue(interaction('w1', { channel: 'whatsapp', visibility: 'private' }));
    h.acd.enqueue(interaction('w2', { channel: 'whatsapp', visibility: 'private' }));
    h.acd.enqueue(interaction('tw', { channel: 'twitter' }));
    expect(h.acd.interaction('fb')!.state).toBe('waiting');
    expect(h.acd.agent('a')!.load).toEqual({ whatsapp: 2, public: 1 });
  });

  it('gives an agent with new capacity the highest priority first, then the oldest', () => {
    const h = harness({ agingPointsPerMinute: 0 });
    h.acd.enqueue(interaction('old-low', { priority: 10, enqueuedAt: h.now - 9_000 }));
    h.acd.enqueue(interaction('new-high', { priority: 50, enqueuedAt: h.now - 1_000 }));
    h.acd.enqueue(interaction('old-high', { priority: 50, enqueuedAt: h.now - 5_000 }));
    h.acd.agentChanged(agent('a', { capacity: { public: 3 } }));
    expect(h.offersTo('a').map((o) => h.acd.offer(o)!.interactionId)).toEqual(['old-high', 'new-high', 'old-low']);
  });

  it('lets a long wait overtake a higher priority (aging)', () => {
    const h = harness({ agingPointsPerMinute: 2 });
    h.acd.enqueue(interaction('waited', { priority: 10, enqueuedAt: h.now - 20 * 60_000 })); // 10 + 40 = 50
    h.acd.enqueue(interaction('urgent', { priority: 45, enqueuedAt: h.now })); // 45
    h.acd.agentChanged(agent('a', { capacity: { public: 1 } }));
    expect(h.offeredTo('waited')).toEqual(['a']);
    expect(h.acd.interaction('urgent')!.effectivePriority).toBe(45);
  });

  it('compares aged priorities across queues with their own aging rates', () => {
    const h = harness();
    h.acd.queueChanged({ id: 'slow', agingPointsPerMinute: 0 });
    h.acd.queueChanged({ id: 'fast', agingPointsPerMinute: 10 });
    h.acd.enqueue(interaction('slow-high', { queue: 'slow', priority: 40, enqueuedAt: h.now - 60_000 }));
    h.acd.enqueue(interaction('fast-low', { queue: 'fast', priority: 0, enqueuedAt: h.now - 5 * 60_000 })); // 50
    h.acd.agentChanged(agent('a', { capacity: { public: 1 } }));
    expect(h.offeredTo('fast-low')).toEqual(['a']);
  });

  it('gives capacity back on release and offers the next waiting interaction', () => {
    const h = harness();
    h.acd.agentChanged(agent('a', { capacity: { public: 1 } }));
    h.acd.enqueue(interaction('i1'));
    h.acd.enqueue(interaction('i2'));
    h.acd.offerAccepted(h.offersTo('a')[0], 'a');
    expect(h.acd.interaction('i2')!.state).toBe('waiting');
    h.acd.release('i1', 'a');
    expect(h.acd.interaction('i1')).toBeUndefined();
    expect(h.offeredTo('i2')).toEqual(['a']);
  });

  it('matches when an agent becomes available, and withdraws offers when it goes not ready', () => {
    const h = harness();
    h.acd.agentChanged(agent('a', { status: 'not-ready', reason: 'break' }));
    h.acd.enqueue(interaction('i1'));
    expect(h.acd.interaction('i1')!.state).toBe('waiting');
    h.acd.agentChanged(agent('a'));
    expect(h.offeredTo('i1')).toEqual(['a']);
    h.acd.agentChanged(agent('b'));
    h.acd.agentChanged(agent('a', { status: 'not-ready', reason: 'meeting' }));
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'offer-ended', end: 'withdrawn' }));
    expect(h.offeredTo('i1')).toEqual(['a', 'b']);
    expect(h.acd.agent('a')!.personalQueue).toEqual([]);
  });

  it('withdraws the newest offers beyond a lowered capacity', () => {
    const h = harness();
    h.acd.agentChanged(agent('a', { capacity: { private: 3 } }));
    for (const id of ['d1', 'd2', 'd3']) h.acd.enqueue(interaction(id, { visibility: 'private' }));
    h.acd.agentChanged(agent('a', { capacity: { private: 1 } }));
    expect(h.acd.agent('a')!.offers.map((o) => o.interactionId)).toEqual(['d1']);
    expect(h.acd.interaction('d3')!.state).toBe('waiting');
  });

  it('picks up agents with new skills for interactions already waiting', () => {
    const h = harness();
    h.acd.agentChanged(agent('a'));
    h.acd.enqueue(interaction('i1', { skills: [{ skill: 'french', level: 2 }] }));
    expect(h.acd.interaction('i1')!.state).toBe('waiting');
    h.acd.agentChanged(agent('a', { skills: { french: 2 } }));
    expect(h.offeredTo('i1')).toEqual(['a']);
  });
});
