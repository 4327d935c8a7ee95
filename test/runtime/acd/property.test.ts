import { describe, expect, it } from 'vitest';
import { AcdError, type AcdEvent, type AcdQueue, type Agent, type AgentView, type InteractionView } from '../../../runtime/src/acd/index.ts';
import { agent, harness, interaction } from './fixtures.ts';

/** mulberry32: a small seeded PRNG, so a failure replays exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] };
}

const QUEUES: AcdQueue[] = [
  { id: 'care', overflow: { queue: 'general', afterSeconds: 90 } },
  { id: 'dm', agentGroup: 'dm-team', overflow: { queue: 'general', afterSeconds: 60 } },
  { id: 'general' },
];
const SKILLS = ['billing', 'tech', 'spanish'];
const KINDS = [['twitter', 'public'], ['twitter', 'private'], ['facebook', 'public'], ['whatsapp', 'private']] as const;
const AGENTS = 14;

function slotFor(capacity: Agent['capacity'], channel: string, visibility: string) {
  for (const key of [`${channel}:${visibility}`, channel, visibility, '*']) {
    if (capacity[key] !== undefined) return capacity[key] > 0 ? key : undefined;
  }
  return undefined;
}

function randomAgent(rand: ReturnType<typeof prng>, id: string): Agent {
  const skills = Object.fromEntries(SKILLS.filter(() => rand.next() < 0.6).map((s) => [s, 1 + rand.int(5)]));
  const capacity = rand.pick<Agent['capacity']>([{ public: 1, private: 3 }, { private: 2 }, { '*': 2 }, { twitter: 1, whatsapp: 2 }, { public: 2, 'facebook:public': 0 }]);
  const groups = rand.next() < 0.4 ? ['dm-team'] : [];
  const roll = rand.next();
  const status = roll < 0.6 ? { status: 'available' as const } : roll < 0.85 ? { status: 'not-ready' as const, reason: 'break' } : { status: 'offline' as const };
  return agent(id, { skills, capacity, groups, ...status });
}

/** A plain check: `expect` is too slow for the inner loops of thousands of steps. */
function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

/** Checks the rules from the outside, with a brute-force eligibility test. */
function checkInvariants(agents: AgentView[], interactions: InteractionView[], now: number) {
  const byId = new Map(interactions.map((i) => [i.id, i]));
  const offered = new Map<string, string>();
  for (const a of agents) {
    const perSlot = new Map<string, { offers: number; assigned: number }>();
    // An assignment whose kind the agent no longer takes (capacity changed since) stays counted under its old slot.
    let orphans = 0;
    const count = (interactionId: string, field: 'offers' | 'assigned') => {
      const i = byId.get(interactionId)!;
      const slot = slotFor(a.capacity, i.channel, i.visibility);
      if (slot === undefined) return void orphans++;
      const c = perSlot.get(slot) ?? { offers: 0, assigned: 0 };
      c[field]++;
      perSlot.set(slot, c);
    };
    for (const offer of a.offers) {
      check(!offered.has(offer.interactionId), () => `${offer.interactionId} offered twice`);
      offered.set(offer.interactionId, a.id);
      check(a.status === 'available', () => `${a.id} has an offer while ${a.status}`);
      check(offer.expiresAt > now, () => `offer ${offer.id} outlived its timeout`);
      count(offer.interactionId, 'offers');
    }
    for (const id of a.assigned) count(id, 'assigned');
    for (const [slot, c] of perSlot) {
      // Offers never push an agent over capacity; only a lowered capacity leaves assignments above it.
      check(c.offers + c.assigned <= Math.max(a.capacity[slot] ?? 0, c.assigned), () => `${a.id} over capacity in ${slot}`);
      check(orphans > 0 || (a.load[slot] ?? 0) === c.offers + c.assigned, () => `${a.id} load in ${slot}: ${JSON.stringify(a)}`);
    }
    for (const id of a.personalQueue) check(byId.get(id)!.state !== 'assigned', () => `${id} assigned but still in ${a.id}'s personal queue`);
  }
  const free = new Map(KINDS.map(([channel, visibility]) => [`${channel}:${visibility}`, agents.filter((a) => {
    const slot = slotFor(a.capacity, channel, visibility);
    return a.status === 'available' && slot !== undefined && (a.load[slot] ?? 0) < a.capacity[slot];
  })]));
  for (const i of interactions) {
    check((i.state === 'offered') === offered.has(i.id), () => `${i.id} is ${i.state}, offers disagree`);
    if (i.state !== 'waiting' && i.state !== 'held') continue;
    // Nobody who could take it is left idle (unless they declined it).
    for (const a of free.get(`${i.channel}:${i.visibility}`)!) {
      if (i.declinedBy.includes(a.id)) continue;
      if (i.state === 'held') {
        check(a.id !== i.preferredAgent, () => `${i.id} held for ${i.preferredAgent} who is free`);
        continue;
      }
      const group = QUEUES.find((q) => q.id === i.queue)?.agentGroup;
      const eligible = (group === undefined || a.groups.includes(group)) && i.skills.every((s) => (a.skills[s.skill] ?? 0) >= s.level);
      check(!eligible, () => `${i.id} waits while ${a.id} could take it`);
    }
  }
}

describe('Acd under random interleavings', () => {
  for (const seed of [1, 7, 42, 2026]) {
    it(`keeps every invariant over 4,000 random operations (seed ${seed})`, () => {
      const rand = prng(seed);
      const h = harness();
      // An independent record of offers from the events: never two open offers for one interaction.
      const openOffer = new Map<string, string>();
      const assigned = new Set<string>();
      const declined = new Set<string>();
      h.acd.on((event: AcdEvent) => {
        if (event.type === 'offered') {
          check(!openOffer.has(event.offer.interactionId), () => `${event.offer.interactionId} offered while on offer`);
          check(!assigned.has(event.offer.interactionId), () => `${event.offer.interactionId} offered while assigned`);
          check(!declined.has(`${event.offer.interactionId}>${event.offer.agentId}`), () => `${event.offer.interactionId} offered again to ${event.offer.agentId}, who declined it`);
          openOffer.set(event.offer.interactionId, event.offer.id);
        } else if (event.type === 'offer-ended') {
          check(openOffer.get(event.offer.interactionId) === event.offer.id, () => `offer ${event.offer.id} ended but was not open`);
          openOffer.delete(event.offer.interactionId);
          if (event.end === 'denied' || event.end === 'expired') declined.add(`${event.offer.interactionId}>${event.offer.agentId}`);
        } else if (event.type === 'assigned') {
          check(!assigned.has(event.interactionId), () => `${event.interactionId} assigned twice`);
          openOffer.delete(event.interactionId);
          assigned.add(event.interactionId);
        } else if (event.type === 'released' || event.type === 'removed') {
          assigned.delete(event.interactionId);
          openOffer.delete(event.interactionId);
        }
      });
      for (const queue of QUEUES) h.acd.queueChanged(queue);
      const agentIds = Array.from({ length: AGENTS }, (_, n) => `a${n}`);
      const agents = new Map(agentIds.map((id) => [id, randomAgent(rand, id)]));
      for (const a of agents.values()) h.acd.agentChanged(a);
      let created = 0;
      let errors = 0;

      // Views are copies: the ones checked after a step are the state before the next.
      let agentViews = h.acd.agents();
      let views = h.acd.interactions();
      for (let step = 0; step < 4000; step++) {
        const roll = rand.next();
        try {
          if (roll < 0.22) {
            const [channel, visibility] = rand.pick(KINDS);
            const preferred = rand.next() < 0.2 ? { preferredAgent: rand.pick(agentIds), preferredAgentUntil: h.now + rand.int(60_000) } : {};
            const skills = SKILLS.filter(() => rand.next() < 0.3).map((skill) => ({ skill, level: 1 + rand.int(4) }));
            h.acd.enqueue(interaction(`i${++created}`, {
              queue: rand.pick(QUEUES).id, channel, visibility, skills, priority: rand.int(101),
              enqueuedAt: h.now - rand.int(120_000), contactId: `c${rand.int(40)}`, ...preferred,
            }));
          } else if (roll < 0.40) {
            const id = rand.pick(agentIds);
            const current = agents.get(id)!;
            const next = rand.next() < 0.25 ? randomAgent(rand, id) : { ...current, ...rand.pick([{ status: 'available' }, { status: 'not-ready', reason: 'break' }, { status: 'offline' }] as const) };
            agents.set(id, next as Agent);
            h.acd.agentChanged(next as Agent);
          } else if (roll < 0.58) {
            const offer = rand.pick(views.filter((i) => i.offer))?.offer;
            if (offer) h.acd.offerAccepted(offer.id, rand.next() < 0.05 ? rand.pick(agentIds) : offer.agentId);
          } else if (roll < 0.66) {
            const offer = rand.pick(views.filter((i) => i.offer))?.offer;
            if (offer) h.acd.offerDenied(offer.id);
          } else if (roll < 0.80) {
            const taken = rand.pick(views.filter((i) => i.state === 'assigned'));
            if (taken) h.acd.release(taken.id, rand.next() < 0.05 ? rand.pick(agentIds) : taken.agentId);
          } else if (roll < 0.88) {
            const a = rand.pick(agentViews.filter((v) => v.personalQueue.length > 0));
            if (a) h.acd.pull(a.id, rand.pick(a.personalQueue));
          } else if (roll < 0.90) {
            const gone = rand.pick(views);
            if (gone) h.acd.remove(gone.id);
          } else {
            h.advance(rand.int(20_000));
          }
        } catch (error) {
          if (!(error instanceof AcdError)) throw error;
          errors++;
          const unchanged = JSON.stringify([agentViews, views]) === JSON.stringify([h.acd.agents(), h.acd.interactions()]);
          check(unchanged, () => `${error.code} changed state`);
        }
        agentViews = h.acd.agents();
        views = h.acd.interactions();
        checkInvariants(agentViews, views, h.now);
      }
      const states = h.acd.interactions().map((i) => i.state);
      // The run exercised every path, not just one.
      expect(created).toBeGreaterThan(700);
      expect(errors).toBeGreaterThan(0);
      expect(h.events.filter((e) => e.type === 'assigned').length).toBeGreaterThan(300);
      expect(h.events.some((e) => e.type === 'overflowed')).toBe(true);
      expect(h.events.some((e) => e.type === 'offer-ended' && e.end === 'taken')).toBe(true);
      expect(h.events.some((e) => e.type === 'offer-ended' && e.end === 'expired')).toBe(true);
      expect(states.length).toBeGreaterThan(0);
    });
  }
});
