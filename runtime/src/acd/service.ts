import type { AgentResource, Resource } from '../../../schemas/resources/index.ts';
import type { InteractionRecord, Store } from '../store/types.ts';
import { Acd } from './acd.ts';
import { waitingFromRecord } from './from-record.ts';
import { persistEvent } from './persist.ts';
import { acdAgent, acdQueue, restoreFromStore, statusOf } from './restore.ts';
import { AcdError, type AcdEvent, type AgentStatus } from './types.ts';
import type { AgentView } from './views.ts';

/** What the service tells its listeners (the agents' event streams): the ACD's events and agents' status changes. */
export type AcdServiceEvent = AcdEvent | { type: 'status'; agentId: string; status: AgentStatus['status']; reason?: string; idleSince: number };

export type AcdServiceListener = (event: AcdServiceEvent) => void;

export interface AcdServiceOptions {
  store: Store;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** The ACD's clock (epoch ms); the system clock by default. */
  now?: () => number;
  offerTimeoutMs?: number;
  subscriptionWindowMs?: number;
  newOfferId?: () => string;
}

/** The longest a single setTimeout may wait. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * One per runtime: the in-memory ACD fed from the store and the engine, its
 * decisions written back to the store (offers, interaction state and agent,
 * agent state, subscriptions) and fanned out to listeners. All of it runs on
 * the event loop, so the ACD's calls never interleave.
 */
export class AcdService {
  readonly acd: Acd;
  private readonly store: Store;
  private readonly log: (message: string, fields?: Record<string, unknown>) => void;
  private readonly now: () => number;
  private readonly listeners = new Set<AcdServiceListener>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt: number | undefined;
  private started = false;
  private stopped = false;

  constructor(options: AcdServiceOptions) {
    this.store = options.store;
    this.log = options.log ?? (() => {});
    this.now = options.now ?? Date.now;
    this.acd = new Acd({
      now: this.now,
      ...(options.offerTimeoutMs !== undefined && { offerTimeoutMs: options.offerTimeoutMs }),
      ...(options.subscriptionWindowMs !== undefined && { subscriptionWindowMs: options.subscriptionWindowMs }),
      ...(options.newOfferId && { newOfferId: options.newOfferId }),
    });
    this.acd.on((event) => this.onEvent(event));
  }

  /**
   * Loads queues and agents (with their stored status and subscriptions) and
   * the routed interactions still open, with their declines (personal queues)
   * and transfer exclusions. Offers do not survive a restart: open ones are
   * withdrawn and their interactions wait again.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    const waiting = restoreFromStore(this.acd, this.store, new Date(this.now()).toISOString(), (work) => this.guard(work));
    if (waiting > 0) this.log('restored waiting interactions into the ACD', { waiting });
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  on(listener: AcdServiceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------- what comes in ----------

  /** The engine committed a routed interaction. */
  interactionQueued(record: InteractionRecord): void {
    if (!this.started || this.stopped || record.queue === undefined) return;
    this.guard(() => this.acd.enqueue(waitingFromRecord(record as InteractionRecord & { queue: string })));
    this.schedule();
  }

  /** A queue or agent resource was saved or deleted. */
  resourceChanged(resource: Resource, deleted = false): void {
    if (!this.started || this.stopped) return;
    if (resource.kind === 'queue' && !deleted) this.acd.queueChanged(acdQueue(resource));
    if (resource.kind === 'agent') {
      const current = this.acd.agent(resource.id);
      const status: AgentStatus = deleted ? { status: 'offline' } : statusOf(current ?? this.store.acd.agentState(resource.id));
      this.acd.agentChanged(acdAgent(resource, status));
      if (deleted) this.persistStatus(resource.id);
    }
    this.schedule();
  }

  // ---------- what agents do ----------

  setStatus(agentId: string, status: AgentStatus['status'], reason?: string): AgentView {
    const resource = this.store.resources.get('agent', agentId) as AgentResource | undefined;
    if (!resource) throw new AcdError('unknown-agent', `agent ${agentId} does not exist`);
    if (status !== 'not-ready' && reason !== undefined) throw new AcdError('invalid', `a reason goes with not-ready only, not ${status}`);
    const next: AgentStatus = status === 'not-ready' ? { status, reason: reason ?? 'unspecified' } : { status };
    this.acd.agentChanged(acdAgent(resource, next));
    this.persistStatus(agentId);
    this.schedule();
    return this.acd.agent(agentId)!;
  }

  accept(offerId: string, agentId?: string): void {
    try {
      this.acd.offerAccepted(offerId, agentId);
    } finally {
      this.schedule();
    }
  }

  deny(offerId: string, agentId?: string): void {
    this.acd.offerDenied(offerId, agentId);
    this.schedule();
  }

  pull(agentId: string, interactionId: string): void {
    this.acd.pull(agentId, interactionId);
    this.schedule();
  }

  release(interactionId: string, agentId?: string): void {
    this.acd.release(interactionId, agentId);
    this.schedule();
  }

  /**
   * Takes the interaction out of the ACD, whatever it is doing there: released
   * from its agent (capacity comes back), or out of its queue, offers and
   * personal queues. The store row is marked closed by the ACD's event; a
   * caller that goes on with it (a transfer) changes it in the same transaction.
   * False when the ACD does not hold it.
   */
  withdraw(interactionId: string): boolean {
    if (!this.acd.interaction(interactionId)) return false;
    try {
      this.acd.remove(interactionId);
    } finally {
      this.schedule();
    }
    return true;
  }

  /**
   * A conversation moved to private: an assigned one counts against the
   * agent's private capacity from now on (when there is room), freeing the
   * public slot. Others pick up the new visibility when they are next queued.
   */
  visibilityChanged(interactionId: string, visibility: 'public' | 'private'): void {
    if (this.acd.interaction(interactionId)?.state !== 'assigned') return;
    try {
      this.acd.visibilityChanged(interactionId, visibility);
    } finally {
      this.schedule();
    }
  }

  /**
   * Queues a stored interaction again (a transfer to another queue). `notFor`
   * is the agent it comes from: it is not held back for them as the
   * customer's last agent (an expired preference stops the subscription lookup).
   */
  requeue(record: InteractionRecord & { queue: string }, notFor?: string): void {
    const waiting = waitingFromRecord(record);
    if (notFor !== undefined) {
      Object.assign(waiting, { preferredAgent: notFor, preferredAgentUntil: this.now() - 1 });
      this.store.acd.excludeAfterTransfer(record.id, notFor, new Date(this.now()).toISOString());
    }
    try {
      this.acd.enqueue(waiting);
    } finally {
      this.schedule();
    }
  }

  // ---------- views ----------

  agent(agentId: string): AgentView | undefined {
    return this.acd.agent(agentId);
  }

  agents(): AgentView[] {
    return this.acd.agents();
  }

  // ---------- internals ----------

  private persistStatus(agentId: string): void {
    const view = this.acd.agent(agentId);
    if (!view) return;
    const at = new Date(this.now()).toISOString();
    this.store.acd.setAgentState(
      { agentId, status: view.status, ...(view.status === 'not-ready' && { reason: view.reason }), idleSince: new Date(view.idleSince).toISOString() },
      at,
    );
    this.emit({ type: 'status', agentId, status: view.status, ...(view.status === 'not-ready' && { reason: view.reason }), idleSince: view.idleSince });
  }

  /** Writes what the ACD decided, then tells the listeners. */
  private onEvent(event: AcdEvent): void {
    try {
      this.store.transaction(() => persistEvent(this.store, event, new Date(this.now()).toISOString()));
    } catch (error) {
      this.log('could not store an ACD event', { event, error: error instanceof Error ? error.stack : String(error) });
    }
    this.emit(event);
  }

  private emit(event: AcdServiceEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log('an ACD listener failed', { error: error instanceof Error ? error.stack : String(error) });
      }
    }
  }

  /** Restoring and engine hooks must not fail the caller: a bad record is logged and skipped. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.log('ACD refused a change', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** One timer, for the ACD's next due offer timeout, preference window or overflow. */
  private schedule(): void {
    if (this.stopped) return;
    const next = this.acd.nextTimerAt();
    if (next === this.timerAt && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = next;
    if (next === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      if (this.stopped) return;
      this.guard(() => this.acd.tick());
      this.schedule();
    }, Math.min(MAX_DELAY, Math.max(0, next - this.now())));
    this.timer.unref?.();
  }
}
