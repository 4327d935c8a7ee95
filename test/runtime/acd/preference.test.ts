import { describe, expect, it } from 'vitest';
import { agent, harness, interaction } from './fixtures.ts';

describe('Acd last-agent preference and overflow', () => {
  it('offers to the preferred agent even when others have been idle longer', () => {
    const h = harness();
    h.acd.agentChanged(agent('idle', { idleSince: h.now - 600_000 }));
    h.acd.agentChanged(agent('last', { idleSince: h.now }));
    h.acd.enqueue(interaction('i1', { preferredAgent: 'last', preferredAgentUntil: h.now + 60_000 }));
    expect(h.offeredTo('i1')).toEqual(['last']);
  });

  it('waits for a busy preferred agent while the window is open', () => {
    const h = harness();
    h.acd.agentChanged(agent('last', { capacity: { public: 1 } }));
    h.acd.enqueue(interaction('busy-with'));
    h.acd.offerAccepted(h.offersTo('last')[0]);
    h.acd.agentChanged(agent('other'));
    h.acd.enqueue(interaction('i1', { preferredAgent: 'last', preferredAgentUntil: h.now + 60_000, enqueuedAt: h.now }));
    expect(h.acd.interaction('i1')!.state).toBe('held');
    h.advance(10_000);
    h.acd.release('busy-with');
    expect(h.offeredTo('i1')).toEqual(['last']);
  });

  it('takes interactions held for it before the rest of the queue', () => {
    const h = harness();
    h.acd.agentChanged(agent('last', { capacity: { public: 1 }, status: 'not-ready', reason: 'lunch' }));
    h.acd.enqueue(interaction('urgent', { priority: 90 }));
    h.acd.enqueue(interaction('mine', { preferredAgent: 'last', preferredAgentUntil: h.now + 60_000 }));
    h.acd.agentChanged(agent('last', { capacity: { public: 1 } }));
    expect(h.offersTo('last').map((o) => h.acd.offer(o)!.interactionId)).toEqual(['mine']);
  });

  it('offers to anyone once the preference window closes', () => {
    const h = harness();
    h.acd.agentChanged(agent('last', { status: 'not-ready', reason: 'break' }));
    h.acd.agentChanged(agent('other'));
    h.acd.enqueue(interaction('i1', { preferredAgent: 'last', preferredAgentUntil: h.now + 60_000 }));
    h.advance(59_999);
    expect(h.offeredTo('i1')).toEqual([]);
    h.advance(1);
    expect(h.events).toContainEqual({ type: 'preference-ended', interactionId: 'i1', agentId: 'last' });
    expect(h.offeredTo('i1')).toEqual(['other']);
  });

  it('ends the preference when the preferred agent denies it', () => {
    const h = harness();
    h.acd.agentChanged(agent('last'));
    h.acd.agentChanged(agent('other'));
    h.acd.enqueue(interaction('i1', { preferredAgent: 'last', preferredAgentUntil: h.now + 60_000 }));
    h.acd.offerDenied(h.offersTo('last')[0]);
    expect(h.offeredTo('i1')).toEqual(['last', 'other']);
  });

  it('routes a subscribed contact to the agent who served them, if free', () => {
    const h = harness();
    h.acd.agentChanged(agent('served', { idleSince: h.now }));
    h.acd.agentChanged(agent('idle', { idleSince: h.now - 600_000 }));
    h.acd.enqueue(interaction('first', { contactId: 'c1', visibility: 'private' }));
    h.acd.offerAccepted(h.offersTo('idle')[0]);
    h.acd.agentChanged(agent('idle', { idleSince: h.now - 900_000, subscriptions: ['c1'] }));
    h.acd.agentChanged(agent('served', { idleSince: h.now - 999_999, subscriptions: [] }));
    h.acd.enqueue(interaction('second', { contactId: 'c1', visibility: 'private' }));
    expect(h.offeredTo('second')).toEqual(['idle']);
  });

  it('overflows to another queue after the queue\'s timeout, with that queue\'s skills', () => {
    const h = harness();
    h.acd.queueChanged({ id: 'experts', skills: [{ skill: 'billing', level: 5 }], overflow: { queue: 'general', afterSeconds: 120 } });
    h.acd.queueChanged({ id: 'general', skills: [{ skill: 'billing', level: 1 }] });
    h.acd.agentChanged(agent('junior', { skills: { billing: 2, spanish: 3 } }));
    h.acd.enqueue(interaction('i1', { queue: 'experts', skills: [{ skill: 'billing', level: 5 }, { skill: 'spanish', level: 2 }] }));
    h.advance(119_000);
    expect(h.acd.interaction('i1')!.state).toBe('waiting');
    h.advance(1_000);
    expect(h.events).toContainEqual({ type: 'overflowed', interactionId: 'i1', from: 'experts', to: 'general' });
    expect(h.acd.interaction('i1')).toMatchObject({ queue: 'general', state: 'offered', agentId: 'junior' });
    expect(h.acd.interaction('i1')!.skills).toEqual([{ skill: 'spanish', level: 2 }, { skill: 'billing', level: 1 }]);
  });

  it('overflows an interaction whose offer ends after the overflow time', () => {
    const h = harness();
    h.acd.queueChanged({ id: 'care', overflow: { queue: 'backup', afterSeconds: 10 } });
    h.acd.queueChanged({ id: 'backup', agentGroup: 'backup-team' });
    h.acd.agentChanged(agent('a'));
    h.acd.agentChanged(agent('b', { groups: ['backup-team'], status: 'offline' }));
    h.acd.enqueue(interaction('i1'));
    h.advance(30_000);
    expect(h.acd.interaction('i1')).toMatchObject({ queue: 'backup', state: 'waiting' });
    h.acd.agentChanged(agent('b', { groups: ['backup-team'] }));
    expect(h.offeredTo('i1')).toEqual(['a', 'b']);
  });
});
