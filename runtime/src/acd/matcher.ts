import { BucketIndex } from './buckets.ts';
import { agingKey, effectivePriority, interactionFirst, timerFirst } from './entries.ts';
import type { AgentEntry, InteractionEntry, OfferEntry, Timer } from './entries.ts';
import { IndexedHeap } from './indexed-heap.ts';
import type { AcdEvent, AcdQueue, OfferEnd } from './types.ts';

export interface MatcherSettings {
  offerTimeoutMs: number;
  /** Priority points per millisecond of waiting, for queues that set none. */
  defaultRate: number;
  newOfferId: () => string;
}

/**
 * The mechanics of the ACD: where each waiting interaction sits, which agents
 * can take it, and the two decisions — `place` (an interaction looks for an
 * agent) and `fill` (an agent with free capacity looks for work). Inputs are
 * validated by `Acd` before they reach here; every method leaves the indexes
 * consistent, so after any public call no ready agent and eligible waiting
 * interaction are left unpaired (unless that agent declined it).
 */
export class Matcher {
  readonly interactions = new Map<string, InteractionEntry>();
  readonly offers = new Map<string, OfferEntry>();
  readonly timers = new IndexedHeap<Timer>(timerFirst);
  readonly index: BucketIndex;
  private seq = 0;

  constructor(
    private readonly settings: MatcherSettings,
    readonly clock: () => number,
    private readonly emit: (event: AcdEvent) => void,
  ) {
    this.index = new BucketIndex(settings.defaultRate);
  }

  /** Re-reads a queue's settings: aging rate, agent group, overflow. Returns the agents that may now take work. */
  queueChanged(queue: AcdQueue): Set<AgentEntry> {
    this.index.queues.set(queue.id, queue);
    for (const entry of this.interactions.values()) {
      if (entry.data.queue === queue.id && (entry.state === 'waiting' || entry.state === 'held')) this.scheduleOverflow(entry);
    }
    return this.index.reindexQueue(queue.id);
  }

  nextSeq(): number {
    return ++this.seq;
  }

  // ---------- decisions ----------

  /** Finds an agent for an interaction that is in no container (new, declined, withdrawn, preference over). */
  place(entry: InteractionEntry): void {
    const now = this.clock();
    while (entry.overflowAt !== undefined && entry.overflowAt <= now && this.moveToOverflow(entry)) {
      /* overflow chains until a queue whose timeout is not yet due */
    }
    const preferred = this.preferredAgent(entry, now);
    if (preferred) {
      if (this.index.hasRoomFor(preferred, entry)) return this.offer(entry, preferred);
      if (entry.data.preferredAgentUntil! > now) return this.hold(entry, preferred);
    }
    this.endPreference(entry);
    const bucket = this.index.bucketFor(entry);
    const agent = topSkipping(bucket.ready, (candidate) => entry.declinedBy.has(candidate));
    if (agent) return this.offer(entry, agent);
    entry.state = 'waiting';
    entry.bucket = bucket;
    entry.key = agingKey(entry.data.priority, entry.data.enqueuedAt, bucket.rate);
    bucket.waiting.push(entry);
  }

  /** Offers work to an agent while it has room: interactions held for it first, then the best of its buckets. */
  fill(agent: AgentEntry): void {
    while (agent.agent.status === 'available') {
      const next = this.bestFor(agent);
      if (!next) return;
      if (next.state === 'held') this.unhold(next);
      else next.bucket!.waiting.remove(next);
      this.offer(next, agent);
    }
  }

  private bestFor(agent: AgentEntry): InteractionEntry | undefined {
    let held: InteractionEntry | undefined;
    for (const entry of agent.held) {
      if (this.index.hasRoomFor(agent, entry) && (!held || interactionFirst(entry, held))) held = entry;
    }
    if (held) return held;
    const now = this.clock();
    let best: InteractionEntry | undefined;
    let bestPriority = -Infinity;
    for (const bucket of agent.buckets) {
      if (bucket.waiting.size === 0 || !bucket.ready.has(agent)) continue;
      const top = topSkipping(bucket.waiting, (entry) => entry.declinedBy.has(agent));
      if (!top) continue;
      const priority = effectivePriority(top, bucket.rate, now);
      if (!best || priority > bestPriority || (priority === bestPriority && olderThan(top, best))) {
        best = top;
        bestPriority = priority;
      }
    }
    return best;
  }

  // ---------- offers and assignment ----------

  private offer(entry: InteractionEntry, agent: AgentEntry): void {
    const now = this.clock();
    const slot = this.index.slotOf(agent, entry)!;
    const offer = { id: this.settings.newOfferId(), interactionId: entry.data.id, agentId: agent.agent.id, offeredAt: now, expiresAt: now + this.settings.offerTimeoutMs };
    const offerEntry: OfferEntry = { offer, interaction: entry, agent, slot, timer: undefined! };
    offerEntry.timer = this.addTimer(offer.expiresAt, () => this.endOffer(offerEntry, 'expired'));
    entry.state = 'offered';
    entry.bucket = undefined;
    entry.offer = offerEntry;
    agent.offers.set(offer.id, offerEntry);
    agent.load.set(slot, (agent.load.get(slot) ?? 0) + 1);
    // Least recently offered goes first: a multi-conversation agent waits its turn for the next one.
    agent.idleSince = now;
    this.offers.set(offer.id, offerEntry);
    this.index.refresh(agent);
    this.emit({ type: 'offered', offer: { ...offer } });
  }

  /** Ends an offer that was not accepted. Denied or expired: to the agent's personal queue, and on to the next agent. */
  endOffer(offerEntry: OfferEntry, end: Exclude<OfferEnd, 'accepted'>): void {
    const { interaction: entry, agent } = offerEntry;
    this.detachOffer(offerEntry);
    agent.load.set(offerEntry.slot, agent.load.get(offerEntry.slot)! - 1);
    this.emit({ type: 'offer-ended', offer: { ...offerEntry.offer }, end });
    if (end === 'denied' || end === 'expired') {
      entry.declinedBy.add(agent);
      if (!agent.parked.has(entry)) {
        agent.parked.add(entry);
        entry.parkedWith.add(agent);
        this.emit({ type: 'parked', interactionId: entry.data.id, agentId: agent.agent.id });
      }
      if (entry.data.preferredAgent === agent.agent.id) this.endPreference(entry);
    }
    if (end !== 'taken') this.place(entry);
    this.index.refresh(agent);
    if (end !== 'taken') this.fill(agent);
  }

  detachOffer(offerEntry: OfferEntry): void {
    this.offers.delete(offerEntry.offer.id);
    offerEntry.agent.offers.delete(offerEntry.offer.id);
    offerEntry.interaction.offer = undefined;
    this.timers.remove(offerEntry.timer);
  }

  /** The agent takes the interaction; its slot is already counted in the agent's load. */
  assign(entry: InteractionEntry, agent: AgentEntry, slot: string, via: 'offer' | 'pull'): void {
    entry.state = 'assigned';
    entry.agent = agent;
    entry.slot = slot;
    agent.assigned.add(entry);
    this.clearTimers(entry);
    this.unparkEverywhere(entry);
    this.emit({ type: 'assigned', interactionId: entry.data.id, agentId: agent.agent.id, via });
    const contact = entry.data.contactId;
    if (contact !== undefined && !agent.subscriptions.has(contact)) {
      agent.subscriptions.add(contact);
      this.emit({ type: 'subscribed', agentId: agent.agent.id, contactId: contact });
    }
  }

  /** Takes the interaction out of whatever holds it (not the personal queues), ready to be forgotten or assigned. */
  detach(entry: InteractionEntry): AgentEntry | undefined {
    if (entry.state === 'waiting') entry.bucket!.waiting.remove(entry);
    else if (entry.state === 'held') this.unhold(entry);
    else if (entry.state === 'offered') {
      const offered = entry.offer!;
      this.endOffer(offered, 'taken');
      return offered.agent;
    }
    return undefined;
  }

  unparkEverywhere(entry: InteractionEntry): void {
    for (const agent of entry.parkedWith) {
      agent.parked.delete(entry);
      this.emit({ type: 'unparked', interactionId: entry.data.id, agentId: agent.agent.id });
    }
    entry.parkedWith.clear();
  }

  // ---------- preference and overflow ----------

  private preferredAgent(entry: InteractionEntry, now: number): AgentEntry | undefined {
    const { preferredAgent, preferredAgentUntil } = entry.data;
    if (preferredAgent === undefined || preferredAgentUntil === undefined || preferredAgentUntil < now) return undefined;
    const agent = this.index.agents.get(preferredAgent);
    return agent && !entry.declinedBy.has(agent) ? agent : undefined;
  }

  private hold(entry: InteractionEntry, agent: AgentEntry): void {
    entry.state = 'held';
    entry.heldBy = agent;
    agent.held.add(entry);
    entry.preferenceTimer = this.addTimer(entry.data.preferredAgentUntil!, () => {
      this.unhold(entry);
      this.place(entry);
    });
  }

  private unhold(entry: InteractionEntry): void {
    entry.heldBy?.held.delete(entry);
    entry.heldBy = undefined;
    if (entry.preferenceTimer) this.timers.remove(entry.preferenceTimer);
    entry.preferenceTimer = undefined;
  }

  private endPreference(entry: InteractionEntry): void {
    const agentId = entry.data.preferredAgent;
    if (agentId === undefined) return;
    entry.data = { ...entry.data, preferredAgent: undefined, preferredAgentUntil: undefined };
    this.emit({ type: 'preference-ended', interactionId: entry.data.id, agentId });
  }

  scheduleOverflow(entry: InteractionEntry): void {
    if (entry.overflowTimer) this.timers.remove(entry.overflowTimer);
    entry.overflowTimer = undefined;
    entry.overflowAt = undefined;
    const overflow = this.index.queues.get(entry.data.queue)?.overflow;
    if (!overflow || entry.visitedQueues.has(overflow.queue)) return;
    entry.overflowAt = entry.queuedAt + overflow.afterSeconds * 1000;
    entry.overflowTimer = this.addTimer(entry.overflowAt, () => {
      entry.overflowTimer = undefined;
      if (entry.state === 'waiting') {
        entry.bucket!.waiting.remove(entry);
        this.place(entry);
      } else if (entry.state === 'held') this.moveToOverflow(entry);
      // offered or assigned: `place` overflows it if the offer ends.
    });
  }

  /**
   * Moves the interaction's data to the overflow queue: the source queue's
   * skill requirements are dropped (they are why it waited), its own extra
   * ones (a language) kept, the target's added. Returns false if none.
   */
  private moveToOverflow(entry: InteractionEntry): boolean {
    const source = this.index.queues.get(entry.data.queue);
    const target = source?.overflow?.queue;
    if (!source || target === undefined || entry.visitedQueues.has(target)) {
      entry.overflowAt = undefined;
      return false;
    }
    const dropped = new Set((source.skills ?? []).map((s) => s.skill));
    const skills = new Map(entry.data.skills.filter((s) => !dropped.has(s.skill)).map((s) => [s.skill, s]));
    for (const s of this.index.queues.get(target)?.skills ?? []) skills.set(s.skill, { skill: s.skill, level: Math.max(s.level, skills.get(s.skill)?.level ?? 0) });
    entry.data = { ...entry.data, queue: target, skills: [...skills.values()] };
    entry.visitedQueues.add(target);
    entry.queuedAt = this.clock();
    this.scheduleOverflow(entry);
    this.emit({ type: 'overflowed', interactionId: entry.data.id, from: source.id, to: target });
    return true;
  }

  clearTimers(entry: InteractionEntry): void {
    this.unhold(entry);
    if (entry.overflowTimer) this.timers.remove(entry.overflowTimer);
    entry.overflowTimer = undefined;
    entry.overflowAt = undefined;
  }

  private addTimer(at: number, fire: () => void): Timer {
    const timer = { at, seq: this.nextSeq(), fire };
    this.timers.push(timer);
    return timer;
  }

}

/** The first item of the heap that `skip` does not reject; skipped ones are popped and put back (few: an agent's own declines). */
function topSkipping<T>(heap: IndexedHeap<T>, skip: (item: T) => boolean): T | undefined {
  let top = heap.peek();
  if (top === undefined || !skip(top)) return top;
  const skipped: T[] = [];
  while (top !== undefined && skip(top)) {
    skipped.push(heap.pop()!);
    top = heap.peek();
  }
  for (const item of skipped) heap.push(item);
  return top;
}

function olderThan(a: InteractionEntry, b: InteractionEntry): boolean {
  return a.data.enqueuedAt !== b.data.enqueuedAt ? a.data.enqueuedAt < b.data.enqueuedAt : a.seq < b.seq;
}
