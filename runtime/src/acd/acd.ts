import { randomUUID } from 'node:crypto';
import type { AgentEntry, InteractionEntry, OfferEntry } from './entries.ts';
import { channelKind, restoreDeclines } from './entries.ts';
import { changeVisibility, newAgentEntry, offersToWithdraw, recountLoad, sameRecord, validateAgent } from './agent-changes.ts';
import { Matcher } from './matcher.ts';
import { agentView, interactionView, type AgentView, type InteractionView } from './views.ts';
import { AcdError, type AcdEvent, type AcdOptions, type AcdQueue, type Agent, type Offer, type OfferEnd, type Visibility, type WaitingInteraction } from './types.ts';

export type AcdListener = (event: AcdEvent) => void;

/** How many ended offers are remembered, to say "already accepted" rather than "unknown". */
const REMEMBERED_OFFERS = 10_000;

/**
 * The automatic call distributor: an in-memory engine that pairs waiting
 * interactions with agents. Every change comes in through one method
 * (`enqueue`, `agentChanged`, `offerAccepted`, `release`, `tick`, …); each
 * call validates first (an `AcdError`, state unchanged), then decides at once
 * and reports what happened as events, delivered after the call's state is
 * consistent. Times are epoch milliseconds from `options.now`.
 */
export class Acd {
  private readonly matcher: Matcher;
  private readonly listeners = new Set<AcdListener>();
  private readonly endedOffers = new Map<string, OfferEnd>();
  private readonly subscribers = new Map<string, Set<AgentEntry>>();
  private readonly now: () => number;
  private readonly subscriptionWindowMs: number;
  private pending: AcdEvent[] = [];
  private depth = 0;
  private tickTime: number | undefined;

  constructor(options: AcdOptions = {}) {
    this.now = options.now ?? Date.now;
    this.subscriptionWindowMs = options.subscriptionWindowMs ?? 0;
    const settings = {
      offerTimeoutMs: options.offerTimeoutMs ?? 30_000,
      defaultRate: (options.agingPointsPerMinute ?? 1) / 60_000,
      newOfferId: options.newOfferId ?? randomUUID,
    };
    this.matcher = new Matcher(settings, () => this.tickTime ?? this.now(), (event) => this.record(event));
  }

  /** Listens to every event; returns the way to stop. */
  on(listener: AcdListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  queueChanged(queue: AcdQueue): void {
    this.run(() => {
      for (const agent of this.matcher.queueChanged(queue)) this.matcher.fill(agent);
    });
  }

  /** Adds an agent or applies a change of status, skills, groups or capacity. */
  agentChanged(agent: Agent): void {
    validateAgent(agent);
    this.run(() => {
      const m = this.matcher;
      const copy: Agent = { ...agent, skills: { ...agent.skills }, groups: [...agent.groups], capacity: { ...agent.capacity } };
      let entry = m.index.agents.get(agent.id);
      if (!entry) {
        entry = newAgentEntry(copy, m.nextSeq(), agent.idleSince ?? m.clock());
        m.index.agents.set(agent.id, entry);
        this.replaceSubscriptions(entry, agent.subscriptions ?? []);
        m.index.reindexAgent(entry);
        return m.fill(entry);
      }
      const before = entry.agent;
      entry.agent = copy;
      if (agent.idleSince !== undefined) entry.idleSince = agent.idleSince;
      else if (before.status !== 'available' && copy.status === 'available') entry.idleSince = m.clock();
      if (agent.subscriptions) this.replaceSubscriptions(entry, agent.subscriptions);
      if (sameRecord(before.skills, copy.skills) && sameRecord(before.capacity, copy.capacity) && before.groups.join('\n') === copy.groups.join('\n')) {
        m.index.refresh(entry);
      } else {
        recountLoad(m, entry);
        m.index.reindexAgent(entry);
      }
      for (const offer of offersToWithdraw(entry)) m.endOffer(offer, 'withdrawn');
      m.fill(entry);
    });
  }

  enqueue(interaction: WaitingInteraction): void {
    if (this.matcher.interactions.has(interaction.id)) throw new AcdError('duplicate-interaction', `interaction ${interaction.id} is already in the ACD`);
    if (!Number.isFinite(interaction.priority)) throw new AcdError('invalid', `interaction ${interaction.id} has no numeric priority`);
    this.run(() => {
      const now = this.matcher.clock();
      const { declinedBy, ...rest } = interaction;
      const data = { ...rest, skills: interaction.skills.map((s) => ({ ...s })) };
      const entry: InteractionEntry = {
        data, seq: this.matcher.nextSeq(), state: 'waiting', kind: channelKind(data.channel, data.visibility), queuedAt: now, key: 0,
        declinedBy: new Set(), parkedWith: new Set(), visitedQueues: new Set([data.queue]),
      };
      if (declinedBy) restoreDeclines(entry, declinedBy, this.matcher.index.agents);
      if (data.preferredAgent === undefined && data.contactId !== undefined) {
        const subscriber = this.subscriberFor(entry);
        if (subscriber) Object.assign(data, { preferredAgent: subscriber, preferredAgentUntil: now + this.subscriptionWindowMs });
      }
      this.matcher.interactions.set(data.id, entry);
      this.matcher.scheduleOverflow(entry);
      this.pending.push({ type: 'queued', interactionId: data.id, queue: data.queue, ...(data.preferredAgent ? { heldFor: data.preferredAgent } : {}) });
      this.matcher.place(entry);
    });
  }

  /**
   * Puts back an interaction an agent was already working (after a restart):
   * assigned to that agent at once, counted in its load, without events.
   */
  restoreAssigned(interaction: WaitingInteraction, agentId: string): void {
    if (this.matcher.interactions.has(interaction.id)) throw new AcdError('duplicate-interaction', `interaction ${interaction.id} is already in the ACD`);
    const agent = this.matcher.index.agents.get(agentId);
    if (!agent) throw new AcdError('unknown-agent', `agent ${agentId} is not known`);
    const data = { ...interaction, skills: interaction.skills.map((s) => ({ ...s })) };
    const kind = channelKind(data.channel, data.visibility);
    const entry: InteractionEntry = {
      data, seq: this.matcher.nextSeq(), state: 'assigned', kind, queuedAt: this.matcher.clock(), key: 0,
      declinedBy: new Set(), parkedWith: new Set(), visitedQueues: new Set([data.queue]), agent,
    };
    const slot = this.matcher.index.slotOf(agent, entry) ?? kind;
    entry.slot = slot;
    agent.load.set(slot, (agent.load.get(slot) ?? 0) + 1);
    agent.assigned.add(entry);
    this.matcher.interactions.set(data.id, entry);
    this.matcher.index.refresh(agent);
  }

  offerAccepted(offerId: string, agentId?: string): void {
    const offer = this.liveOffer(offerId, agentId);
    if (offer.offer.expiresAt <= this.matcher.clock()) {
      this.run(() => this.matcher.endOffer(offer, 'expired'));
      throw new AcdError('offer-closed', `offer ${offerId} expired`);
    }
    this.run(() => {
      this.matcher.detachOffer(offer);
      this.endedOffer(offerId, 'accepted');
      this.matcher.assign(offer.interaction, offer.agent, offer.slot, 'offer');
    });
  }

  offerDenied(offerId: string, agentId?: string): void {
    const offer = this.liveOffer(offerId, agentId);
    this.run(() => this.matcher.endOffer(offer, 'denied'));
  }

  /** The agent finished the interaction: it leaves the ACD and the agent's capacity comes back. */
  release(interactionId: string, agentId?: string): void {
    const entry = this.known(interactionId);
    if (entry.state !== 'assigned') throw new AcdError('not-assigned', `interaction ${interactionId} is ${entry.state}, not assigned`);
    if (agentId !== undefined && entry.agent!.agent.id !== agentId) throw new AcdError('not-owner', `interaction ${interactionId} belongs to another agent`);
    this.run(() => this.forget(entry));
  }

  /** The agent takes an interaction from its personal queue, even if it is on offer to someone else meanwhile. */
  pull(agentId: string, interactionId: string): void {
    const agent = this.matcher.index.agents.get(agentId);
    if (!agent) throw new AcdError('unknown-agent', `agent ${agentId} is not known`);
    const entry = this.known(interactionId);
    if (!agent.parked.has(entry)) throw new AcdError('not-in-personal-queue', `interaction ${interactionId} is not in ${agentId}'s personal queue`);
    if (agent.agent.status !== 'available') throw new AcdError('not-available', `agent ${agentId} is ${agent.agent.status}`);
    const slot = this.matcher.index.slotOf(agent, entry);
    if (slot === undefined || (agent.load.get(slot) ?? 0) >= agent.agent.capacity[slot]) {
      throw new AcdError('no-capacity', `agent ${agentId} has no room for a ${entry.kind} interaction`);
    }
    this.run(() => {
      const m = this.matcher;
      const previous = m.detach(entry);
      agent.load.set(slot, (agent.load.get(slot) ?? 0) + 1);
      m.assign(entry, agent, slot, 'pull');
      m.index.refresh(agent);
      if (previous) m.fill(previous);
    });
  }

  /** An assigned conversation went private (or public): counted against the agent's slot for that kind when it has room. Returns the slot. */
  visibilityChanged(interactionId: string, visibility: Visibility): string {
    const entry = this.known(interactionId);
    if (entry.state !== 'assigned') throw new AcdError('not-assigned', `interaction ${interactionId} is ${entry.state}, not assigned`);
    let slot = entry.slot!;
    this.run(() => (slot = changeVisibility(this.matcher, entry, visibility)));
    return slot;
  }

  /** The interaction is gone (closed elsewhere, post deleted): out of queues, offers and personal queues. */
  remove(interactionId: string): void {
    const entry = this.known(interactionId);
    this.run(() => {
      if (entry.state === 'assigned') return this.forget(entry);
      const previous = this.matcher.detach(entry);
      this.matcher.clearTimers(entry);
      this.matcher.unparkEverywhere(entry);
      this.matcher.interactions.delete(interactionId);
      this.pending.push({ type: 'removed', interactionId });
      if (previous) this.matcher.fill(previous);
    });
  }

  /** Fires every timer due by `now`: offer timeouts, preference windows closing, overflows. */
  tick(now: number = this.now()): void {
    this.tickTime = now;
    try {
      this.run(() => {
        const timers = this.matcher.timers;
        for (let next = timers.peek(); next && next.at <= now; next = timers.peek()) {
          timers.pop();
          next.fire();
        }
      });
    } finally {
      this.tickTime = undefined;
    }
  }

  /** When `tick` next has something to do, for a host scheduling one timer. */
  nextTimerAt(): number | undefined {
    return this.matcher.timers.peek()?.at;
  }

  // ---------- views ----------

  agent(id: string): AgentView | undefined {
    const entry = this.matcher.index.agents.get(id);
    return entry && agentView(entry);
  }

  interaction(id: string): InteractionView | undefined {
    const entry = this.matcher.interactions.get(id);
    return entry && interactionView(entry, this.matcher.index.rateOf(entry.data.queue), this.matcher.clock());
  }

  offer(id: string): Offer | undefined {
    const entry = this.matcher.offers.get(id);
    return entry && { ...entry.offer };
  }

  /** Interactions not yet taken (waiting, held for an agent or on offer), for the supervisor. */
  interactions(filter: { queue?: string } = {}): InteractionView[] {
    const now = this.matcher.clock();
    const views: InteractionView[] = [];
    for (const entry of this.matcher.interactions.values()) {
      if (filter.queue !== undefined && entry.data.queue !== filter.queue) continue;
      views.push(interactionView(entry, this.matcher.index.rateOf(entry.data.queue), now));
    }
    return views;
  }

  agents(): AgentView[] {
    return [...this.matcher.index.agents.values()].map(agentView);
  }

  // ---------- internals ----------

  private run(work: () => void): void {
    this.depth++;
    try {
      work();
    } finally {
      this.depth--;
      if (this.depth === 0) this.flush();
    }
  }

  private flush(): void {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      for (const event of batch) for (const listener of this.listeners) listener(event);
    }
  }

  private record(event: AcdEvent): void {
    if (event.type === 'offer-ended') this.endedOffer(event.offer.id, event.end);
    if (event.type === 'subscribed') this.subscribe(this.matcher.index.agents.get(event.agentId)!, event.contactId);
    this.pending.push(event);
  }

  private endedOffer(offerId: string, end: OfferEnd): void {
    this.endedOffers.set(offerId, end);
    if (this.endedOffers.size > REMEMBERED_OFFERS) this.endedOffers.delete(this.endedOffers.keys().next().value!);
  }

  private liveOffer(offerId: string, agentId?: string): OfferEntry {
    const offer = this.matcher.offers.get(offerId);
    if (!offer) {
      const end = this.endedOffers.get(offerId);
      throw end ? new AcdError('offer-closed', `offer ${offerId} was already ${end}`) : new AcdError('unknown-offer', `offer ${offerId} does not exist`);
    }
    if (agentId !== undefined && offer.agent.agent.id !== agentId) throw new AcdError('not-owner', `offer ${offerId} was made to another agent`);
    return offer;
  }

  private known(interactionId: string): InteractionEntry {
    const entry = this.matcher.interactions.get(interactionId);
    if (!entry) throw new AcdError('unknown-interaction', `interaction ${interactionId} is not in the ACD`);
    return entry;
  }

  private forget(entry: InteractionEntry): void {
    const agent = entry.agent!;
    agent.load.set(entry.slot!, agent.load.get(entry.slot!)! - 1);
    agent.assigned.delete(entry);
    this.matcher.interactions.delete(entry.data.id);
    this.pending.push({ type: 'released', interactionId: entry.data.id, agentId: agent.agent.id });
    this.matcher.index.refresh(agent);
    this.matcher.fill(agent);
  }

  /** The latest agent to serve the contact who can take it now, else the latest one. */
  private subscriberFor(entry: InteractionEntry): string | undefined {
    const agents = [...(this.subscribers.get(entry.data.contactId!) ?? [])].reverse();
    return (agents.find((agent) => this.matcher.index.hasRoomFor(agent, entry)) ?? agents[0])?.agent.id;
  }

  private subscribe(agent: AgentEntry, contactId: string): void {
    const agents = this.subscribers.get(contactId) ?? new Set();
    agents.delete(agent); // re-added last: the latest to serve comes first
    this.subscribers.set(contactId, agents.add(agent));
    agent.subscriptions.add(contactId);
  }

  private replaceSubscriptions(agent: AgentEntry, contactIds: readonly string[]): void {
    for (const contactId of agent.subscriptions) this.subscribers.get(contactId)?.delete(agent);
    agent.subscriptions.clear();
    for (const contactId of contactIds) this.subscribe(agent, contactId);
  }
}
