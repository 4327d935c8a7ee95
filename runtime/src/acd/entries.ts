import { IndexedHeap } from './indexed-heap.ts';
import type { Agent, InteractionState, Offer, SkillRequirement, WaitingInteraction } from './types.ts';

/** The ACD's own record of an agent: the agent plus load and index memberships. */
export interface AgentEntry {
  agent: Agent;
  /** Tie-break between agents idle since the same instant: registration order. */
  seq: number;
  idleSince: number;
  /** Channel kind (`twitter:private`) → capacity slot, cached per agent. */
  slots: Map<string, string | undefined>;
  /** Slot → offers out plus interactions assigned. */
  load: Map<string, number>;
  offers: Map<string, OfferEntry>;
  assigned: Set<InteractionEntry>;
  /** The personal queue: offers denied or timed out, to pull. */
  parked: Set<InteractionEntry>;
  /** Interactions waiting for this agent as their preferred one. */
  held: Set<InteractionEntry>;
  buckets: Set<Bucket>;
  subscriptions: Set<string>;
}

export interface OfferEntry {
  offer: Offer;
  interaction: InteractionEntry;
  agent: AgentEntry;
  slot: string;
  timer: Timer;
}

export interface InteractionEntry {
  data: WaitingInteraction;
  seq: number;
  state: InteractionState;
  kind: string;
  /** When it entered its current queue (overflow counts from there). */
  queuedAt: number;
  /** Order key within a bucket; see `agingKey`. */
  key: number;
  bucket?: Bucket;
  heldBy?: AgentEntry;
  offer?: OfferEntry;
  agent?: AgentEntry;
  slot?: string;
  declinedBy: Set<AgentEntry>;
  parkedWith: Set<AgentEntry>;
  visitedQueues: Set<string>;
  overflowAt?: number;
  overflowTimer?: Timer;
  preferenceTimer?: Timer;
}

export interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/**
 * Interactions that need the same agents: one queue, one channel kind, one
 * set of skill requirements. The agents able to take them are known once
 * (`eligible`), so a decision never tests skills: it reads the top of
 * `waiting` or of `ready` (eligible agents with a free slot, longest idle first).
 */
export class Bucket {
  readonly waiting = new IndexedHeap<InteractionEntry>(interactionFirst);
  readonly ready = new IndexedHeap<AgentEntry>(agentFirst);
  readonly eligible = new Set<AgentEntry>();
  readonly kind: string;

  constructor(
    readonly key: string,
    readonly queue: string,
    readonly channel: string,
    readonly visibility: string,
    readonly skills: readonly SkillRequirement[],
    /** Aging rate in priority points per millisecond. */
    public rate: number,
  ) {
    this.kind = channelKind(channel, visibility);
  }
}

export function interactionFirst(a: InteractionEntry, b: InteractionEntry): boolean {
  if (a.key !== b.key) return a.key > b.key;
  if (a.data.enqueuedAt !== b.data.enqueuedAt) return a.data.enqueuedAt < b.data.enqueuedAt;
  return a.seq < b.seq;
}

export function agentFirst(a: AgentEntry, b: AgentEntry): boolean {
  return a.idleSince !== b.idleSince ? a.idleSince < b.idleSince : a.seq < b.seq;
}

export function timerFirst(a: Timer, b: Timer): boolean {
  return a.at !== b.at ? a.at < b.at : a.seq < b.seq;
}

/**
 * Effective priority at time t is `priority + rate × (t − enqueuedAt)`. For
 * two interactions compared at the same t the `rate × t` term is common to
 * both, so ordering by `priority − rate × enqueuedAt` is the same as ordering
 * by effective priority at every t: the heap never needs re-sorting as time
 * passes. (Holds within a bucket, where every item shares the queue's rate;
 * across buckets the ACD compares the tops' effective priorities at now.)
 */
export function agingKey(priority: number, enqueuedAt: number, rate: number): number {
  return priority - rate * enqueuedAt;
}

export function effectivePriority(entry: InteractionEntry, rate: number, now: number): number {
  return entry.data.priority + rate * Math.max(0, now - entry.data.enqueuedAt);
}

export function channelKind(channel: string, visibility: string): string {
  return `${channel}:${visibility}`;
}

/** The capacity key an interaction of this kind uses for this agent: the most specific one set. */
export function slotFor(capacity: Agent['capacity'], channel: string, visibility: string): string | undefined {
  for (const key of [channelKind(channel, visibility), channel, visibility, '*']) {
    if (capacity[key] !== undefined) return capacity[key] > 0 ? key : undefined;
  }
  return undefined;
}

export function skillsSignature(skills: readonly SkillRequirement[]): string {
  return skills
    .map((s) => `${s.skill}>=${s.level}`)
    .sort()
    .join(',');
}

export function hasSkills(agent: Agent, skills: readonly SkillRequirement[]): boolean {
  for (const { skill, level } of skills) if ((agent.skills[skill] ?? 0) < level) return false;
  return true;
}

/** Puts back the declines of a restored interaction: in each known agent's personal queue, and never offered to them again. */
export function restoreDeclines(entry: InteractionEntry, agentIds: readonly string[], agents: ReadonlyMap<string, AgentEntry>): void {
  for (const id of agentIds) {
    const agent = agents.get(id);
    if (!agent) continue;
    entry.declinedBy.add(agent);
    entry.parkedWith.add(agent);
    agent.parked.add(entry);
  }
}
