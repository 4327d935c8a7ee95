import { Bucket, agingKey, hasSkills, skillsSignature, slotFor } from './entries.ts';
import type { AgentEntry, InteractionEntry } from './entries.ts';
import type { AcdQueue } from './types.ts';

/**
 * Which agents can take which interactions. Interactions are grouped in
 * buckets (queue × channel kind × skill requirements); each bucket knows its
 * eligible agents once, and keeps those with a free slot in a heap by idle
 * time. Skills are tested when a bucket or an agent's skills are new, never
 * per decision.
 */
export class BucketIndex {
  readonly agents = new Map<string, AgentEntry>();
  readonly queues = new Map<string, AcdQueue>();
  readonly buckets = new Map<string, Bucket>();
  private readonly bucketsByQueue = new Map<string, Set<Bucket>>();

  /** `defaultRate`: priority points per millisecond of waiting, for queues that set none. */
  constructor(private readonly defaultRate: number) {}

  rateOf(queue: string): number {
    const perMinute = this.queues.get(queue)?.agingPointsPerMinute;
    return perMinute === undefined ? this.defaultRate : perMinute / 60_000;
  }

  slotOf(agent: AgentEntry, entry: InteractionEntry): string | undefined {
    return this.slotOfKind(agent, entry.kind, entry.data.channel, entry.data.visibility);
  }

  /** Cached per agent: decisions ask this for every bucket, so no string is built here. */
  private slotOfKind(agent: AgentEntry, kind: string, channel: string, visibility: string): string | undefined {
    const slot = agent.slots.get(kind);
    if (slot !== undefined || agent.slots.has(kind)) return slot;
    const found = slotFor(agent.agent.capacity, channel, visibility);
    agent.slots.set(kind, found);
    return found;
  }

  private hasFreeSlot(agent: AgentEntry, kind: string, channel: string, visibility: string): boolean {
    const slot = this.slotOfKind(agent, kind, channel, visibility);
    return slot !== undefined && (agent.load.get(slot) ?? 0) < agent.agent.capacity[slot];
  }

  hasRoomFor(agent: AgentEntry, entry: InteractionEntry): boolean {
    return agent.agent.status === 'available' && this.hasFreeSlot(agent, entry.kind, entry.data.channel, entry.data.visibility);
  }

  /** Puts the agent in (or takes it out of) the ready heap of every bucket it is eligible for, at its idle rank. */
  refresh(agent: AgentEntry): void {
    const available = agent.agent.status === 'available';
    for (const bucket of agent.buckets) {
      if (available && this.hasFreeSlot(agent, bucket.kind, bucket.channel, bucket.visibility)) bucket.ready.push(agent);
      else bucket.ready.remove(agent);
    }
  }

  isEligible(agent: AgentEntry, bucket: Bucket): boolean {
    const group = this.queues.get(bucket.queue)?.agentGroup;
    return (
      slotFor(agent.agent.capacity, bucket.channel, bucket.visibility) !== undefined &&
      (group === undefined || agent.agent.groups.includes(group)) &&
      hasSkills(agent.agent, bucket.skills)
    );
  }

  /** Recomputes which buckets the agent can serve (skills, groups or capacity changed). */
  reindexAgent(agent: AgentEntry): void {
    for (const bucket of agent.buckets) {
      bucket.eligible.delete(agent);
      bucket.ready.remove(agent);
    }
    agent.buckets.clear();
    agent.slots.clear();
    for (const bucket of this.buckets.values()) {
      if (this.isEligible(agent, bucket)) {
        bucket.eligible.add(agent);
        agent.buckets.add(bucket);
      }
    }
    this.refresh(agent);
  }

  /** Re-reads a queue's aging rate and agent group. Returns the agents that may now take work. */
  reindexQueue(queue: string): Set<AgentEntry> {
    const ready = new Set<AgentEntry>();
    for (const bucket of this.bucketsByQueue.get(queue) ?? []) {
      bucket.rate = this.rateOf(queue);
      const waiting = [...bucket.waiting.values()];
      for (const entry of waiting) bucket.waiting.remove(entry);
      for (const entry of waiting) {
        entry.key = agingKey(entry.data.priority, entry.data.enqueuedAt, bucket.rate);
        bucket.waiting.push(entry);
      }
      for (const agent of bucket.eligible) {
        agent.buckets.delete(bucket);
        bucket.ready.remove(agent);
      }
      bucket.eligible.clear();
      this.admitAgents(bucket);
      for (const agent of bucket.ready.values()) ready.add(agent);
    }
    return ready;
  }

  bucketFor(entry: InteractionEntry): Bucket {
    const { queue, channel, visibility, skills } = entry.data;
    const key = `${queue}|${entry.kind}|${skillsSignature(skills)}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(key, queue, channel, visibility, skills, this.rateOf(queue));
      this.buckets.set(key, bucket);
      const ofQueue = this.bucketsByQueue.get(queue) ?? new Set();
      this.bucketsByQueue.set(queue, ofQueue.add(bucket));
      this.admitAgents(bucket);
    }
    return bucket;
  }

  /** One scan of all agents, once per new bucket (queue × channel kind × skill set). */
  private admitAgents(bucket: Bucket): void {
    for (const agent of this.agents.values()) {
      if (!this.isEligible(agent, bucket)) continue;
      bucket.eligible.add(agent);
      agent.buckets.add(bucket);
      if (agent.agent.status === 'available' && this.hasFreeSlot(agent, bucket.kind, bucket.channel, bucket.visibility)) bucket.ready.push(agent);
    }
  }
}
