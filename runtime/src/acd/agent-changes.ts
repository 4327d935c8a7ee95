import type { Matcher } from './matcher.ts';
import { channelKind, type AgentEntry, type InteractionEntry, type OfferEntry } from './entries.ts';
import { AcdError, type Agent, type Visibility } from './types.ts';

// What `Acd.agentChanged` needs beyond the matcher: validation, and the consequences of a changed capacity.

export function newAgentEntry(agent: Agent, seq: number, idleSince: number): AgentEntry {
  return {
    agent, seq, idleSince, slots: new Map(), load: new Map(), offers: new Map(), assigned: new Set(),
    parked: new Set(), held: new Set(), buckets: new Set(), subscriptions: new Set(),
  };
}

export function validateAgent(agent: Agent): void {
  for (const [skill, level] of Object.entries(agent.skills)) {
    if (!Number.isInteger(level) || level < 1 || level > 5) throw new AcdError('invalid', `agent ${agent.id}: skill ${skill} has level ${level}, not 1..5`);
  }
  for (const [kind, n] of Object.entries(agent.capacity)) {
    if (!Number.isInteger(n) || n < 0) throw new AcdError('invalid', `agent ${agent.id}: capacity for ${kind} is ${n}, not a whole number ≥ 0`);
  }
}

/** After a capacity change the slot of each offer and assignment may be another key. */
export function recountLoad(m: Matcher, agent: AgentEntry): void {
  agent.slots.clear();
  agent.load.clear();
  const count = (slot: string) => agent.load.set(slot, (agent.load.get(slot) ?? 0) + 1);
  for (const offer of agent.offers.values()) count((offer.slot = m.index.slotOf(agent, offer.interaction) ?? offer.slot));
  for (const entry of agent.assigned) count((entry.slot = m.index.slotOf(agent, entry) ?? entry.slot!));
}

/** Every offer if the agent is no longer available; else the newest offers beyond a lowered capacity. */
export function offersToWithdraw(agent: AgentEntry): OfferEntry[] {
  const offers = [...agent.offers.values()];
  if (agent.agent.status !== 'available') return offers;
  const excess = new Map<string, number>();
  for (const [slot, load] of agent.load) excess.set(slot, load - (agent.agent.capacity[slot] ?? 0));
  return offers.reverse().filter((offer) => {
    const over = excess.get(offer.slot)!;
    if (over <= 0) return false;
    excess.set(offer.slot, over - 1);
    return true;
  });
}

export function sameRecord(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * An assigned conversation changed visibility (moved to private): it counts
 * against the agent's slot for the new kind when that slot has room, and the
 * slot it leaves can take new work. Without room it stays counted where it was.
 * Returns the slot it counts against.
 */
export function changeVisibility(m: Matcher, entry: InteractionEntry, visibility: Visibility): string {
  const agent = entry.agent!;
  const kind = channelKind(entry.data.channel, visibility);
  const slot = m.index.slotOf(agent, { ...entry, kind, data: { ...entry.data, visibility } });
  entry.data = { ...entry.data, visibility };
  entry.kind = kind;
  const from = entry.slot!;
  if (slot === undefined || slot === from || (agent.load.get(slot) ?? 0) >= agent.agent.capacity[slot]) return from;
  agent.load.set(from, agent.load.get(from)! - 1);
  agent.load.set(slot, (agent.load.get(slot) ?? 0) + 1);
  entry.slot = slot;
  m.index.refresh(agent);
  m.fill(agent);
  return slot;
}
