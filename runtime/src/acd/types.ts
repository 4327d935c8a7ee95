import type { Offer } from '../../../schemas/records.ts';
import type { Queue, SkillRequirement } from '../../../schemas/resources/queue.ts';

export type { SkillRequirement };

export type Visibility = 'public' | 'private';

export type AgentStatus = { status: 'available' } | { status: 'not-ready'; reason: string } | { status: 'offline' };

/** An agent as the ACD sees it. Times are epoch milliseconds. */
export type Agent = AgentStatus & {
  id: string;
  name: string;
  /** Skill id → level 1..5. */
  skills: Readonly<Record<string, number>>;
  groups: readonly string[];
  /**
   * Conversations at once, by channel kind. For an interaction on `twitter`
   * `private`, the first key set among `twitter:private`, `twitter`,
   * `private` and `*` is the slot it uses; none set means the agent does not
   * take that kind. `{ public: 1, private: 3 }` is one public post and three
   * private conversations at once.
   */
  capacity: Readonly<Record<string, number>>;
  /** Managed by the ACD (set when the agent becomes available or is offered work); given only to restore state. */
  idleSince?: number;
  /** Contact ids this agent served; replaces the ACD's list when given. */
  subscriptions?: readonly string[];
};

/** What the ACD needs of an interaction (see `waitingFromRecord`). */
export interface WaitingInteraction {
  id: string;
  queue: string;
  skills: readonly SkillRequirement[];
  /** 0..100; raised by waiting (aging). */
  priority: number;
  enqueuedAt: number;
  channel: string;
  visibility: Visibility;
  contactId?: string;
  preferredAgent?: string;
  /** Until then the interaction waits for its preferred agent only. */
  preferredAgentUntil?: number;
  /**
   * Restoring after a restart: agents who denied it or let its offer time out.
   * It is in their personal queues and is not offered to them again.
   */
  declinedBy?: readonly string[];
}

export type { Offer };

/** The queue settings the ACD uses; `agingPointsPerMinute` overrides the engine default. */
export type AcdQueue = Pick<Queue, 'id' | 'skills' | 'agentGroup' | 'overflow'> & { agingPointsPerMinute?: number };

/**
 * held: waits for its preferred agent until the preference window closes;
 * waiting: in its queue for anyone eligible; offered: one offer out;
 * assigned: an agent works it (until released).
 */
export type InteractionState = 'held' | 'waiting' | 'offered' | 'assigned';

export type OfferEnd = 'accepted' | 'denied' | 'expired' | 'withdrawn' | 'taken';

export type AcdEvent =
  | { type: 'queued'; interactionId: string; queue: string; heldFor?: string }
  | { type: 'offered'; offer: Offer }
  | { type: 'offer-ended'; offer: Offer; end: Exclude<OfferEnd, 'accepted'> }
  | { type: 'assigned'; interactionId: string; agentId: string; via: 'offer' | 'pull' }
  | { type: 'parked'; interactionId: string; agentId: string }
  | { type: 'unparked'; interactionId: string; agentId: string }
  | { type: 'preference-ended'; interactionId: string; agentId: string }
  | { type: 'overflowed'; interactionId: string; from: string; to: string }
  | { type: 'subscribed'; agentId: string; contactId: string }
  | { type: 'released'; interactionId: string; agentId: string }
  | { type: 'removed'; interactionId: string };

export type AcdErrorCode =
  | 'invalid'
  | 'duplicate-interaction'
  | 'unknown-interaction'
  | 'unknown-agent'
  | 'unknown-offer'
  | 'offer-closed'
  | 'not-owner'
  | 'not-assigned'
  | 'not-in-personal-queue'
  | 'not-available'
  | 'no-capacity';

/** Bad input for the ACD; state is unchanged when it is thrown. The API maps `code` to a 4xx. */
export class AcdError extends Error {
  constructor(
    readonly code: AcdErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AcdError';
  }
}

export interface AcdOptions {
  /** How long an agent has to accept an offer; 30 s by default. */
  offerTimeoutMs?: number;
  /** Priority points an interaction gains per minute of waiting, unless its queue says otherwise; 1 by default. */
  agingPointsPerMinute?: number;
  /**
   * With no preferred agent set, a contact on an agent's subscription list
   * waits this long for that agent (the latest to serve them). 0 (default):
   * offered to them only if they can take it at once.
   */
  subscriptionWindowMs?: number;
  now?: () => number;
  newOfferId?: () => string;
}
