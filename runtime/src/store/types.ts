import type { Flow } from '../../../schemas/flow.ts';
import type { Resource, ResourceKind } from '../../../schemas/resources/index.ts';
import type { PlatformAction, QueueRequest, Step, StoredMessage } from '../engine/types.ts';
import type { AgentStatusName, ContactRecord, IdentityRecord, InteractionFlag, InteractionRecord, InteractionState, MessageRecord } from '../../../schemas/records.ts';

export type { AgentStatusName, ContactRecord, IdentityRecord, InteractionFlag, InteractionRecord, InteractionState, MessageRecord };

/**
 * The store, as the rest of the runtime sees it. SQLite (better-sqlite3) is
 * the embedded implementation; every method is synchronous there, and a
 * PostgreSQL implementation can satisfy the same shape behind an async facade
 * later. Multi-row changes happen inside one method, in one transaction.
 */
export interface Store {
  flows: FlowRepo;
  resources: ResourceRepo;
  contacts: ContactRepo;
  messages: MessageRepo;
  interactions: InteractionRepo;
  executions: ExecutionRepo;
  outbox: OutboxRepo;
  /** What the ACD keeps: agent states, subscriptions, offers. */
  acd: AcdRepo;
  /** Sign-in: users and their sessions (hashed tokens). */
  users: UserRepo;
  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T;
  /**
   * Resolves once every write made so far is committed. Writes are grouped
   * (one commit per event-loop turn); whatever is acknowledged to the outside
   * waits for this first.
   */
  durable(): Promise<void>;
  close(): void;
}

// ---------- flows ----------
export interface FlowRecord {
  id: string;
  name: string;
  draft: Flow;
  revision: number;
  updatedAt: string;
  updatedBy?: string;
  /** The version that runs, if any. */
  activeVersion?: number;
}

export interface FlowVersionRecord {
  flowId: string;
  version: number;
  document: Flow;
  comment: string;
  publishedAt: string;
  publishedBy?: string;
  /** Set when this version re-published an older one (a rollback). */
  rolledBackFrom?: number;
}

export class ConflictError extends Error {
  constructor(
    message: string,
    readonly currentRevision: number,
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {}

export interface FlowRepo {
  list(): FlowRecord[];
  get(id: string): FlowRecord | undefined;
  /** Creates the draft at revision 1; throws ConflictError if the id exists. */
  create(flow: Flow, by?: string): FlowRecord;
  /** Saves the draft if `expectedRevision` is current, else ConflictError. Returns the new record (revision + 1). */
  save(flow: Flow, expectedRevision: number, by?: string): FlowRecord;
  delete(id: string): boolean;
  /** Freezes `document` as the next version and makes it active. */
  publish(id: string, document: Flow, comment: string, by?: string, rolledBackFrom?: number): FlowVersionRecord;
  versions(id: string): FlowVersionRecord[];
  version(id: string, version: number): FlowVersionRecord | undefined;
  /** Every active published version, for routing messages to flows. */
  active(): FlowVersionRecord[];
}

// ---------- resources ----------
export interface ResourceRepo {
  list<K extends ResourceKind>(kind?: K): Resource[];
  get(kind: ResourceKind, id: string): Resource | undefined;
  /** Insert or replace. */
  put(resource: Resource): Resource;
  delete(kind: ResourceKind, id: string): boolean;
}

// ---------- contacts ----------
export interface ConversationRecord {
  id: string;
  contactId: string;
  channel: string;
  account: string;
  visibility: 'public' | 'private';
  status: 'open' | 'closed';
  startedAt: string;
  lastMessageAt: string;
  lastAgentId?: string;
}

export interface ContactRepo {
  get(id: string): ContactRecord | undefined;
  findByIdentity(channel: string, platformId: string): ContactRecord | undefined;
  findByEmail(email: string): ContactRecord | undefined;
  findByPhone(phone: string): ContactRecord | undefined;
  identities(contactId: string): IdentityRecord[];
  /** Creates a contact with its first identity, atomically; returns the existing one if the identity was taken meanwhile. */
  createWithIdentity(contact: Omit<ContactRecord, 'createdAt' | 'updatedAt'>, identity: Omit<IdentityRecord, 'contactId'>): { contact: ContactRecord; created: boolean };
  addIdentity(identity: IdentityRecord): void;
  /** The newest open conversation of the contact on this channel whose last message is after `since`. */
  openConversation(contactId: string, channel: string, since: string): ConversationRecord | undefined;
  createConversation(conversation: ConversationRecord): ConversationRecord;
  touchConversation(id: string, at: string): void;
  /** The agent who took the conversation's latest interaction: the one a flow's last-agent routing prefers. */
  setConversationAgent(id: string, agentId: string): void;
  /** Interactions of the contact created after `since`, and those still not closed. */
  stats(contactId: string, since: string): { recentInteractions: number; pendingInteractions: number };
}

// ---------- messages ----------
/** A message an agent sent on an interaction (its delivery is the outbox item's). */
export interface OutboundMessage {
  id: string;
  channel: string;
  account: string;
  visibility: 'public' | 'private';
  interactionId: string;
  contactId?: string;
  conversationId?: string;
  outboxId: string;
  agentId?: string;
  text: string;
  /** The inbound message it answers. */
  inReplyTo: string;
  at: string;
}

/** A platform told us the customer edited or removed a message we stored. */
export interface MessageChange {
  kind: 'edited' | 'deleted';
  channel: string;
  account: string;
  platformMessageId: string;
  /** The new text, for an edit. */
  text?: string;
  at: string;
}

export interface MessageRepo {
  /** Stores an inbound message; returns undefined when (channel, account, platformMessageId) was seen before. */
  /** Stores an inbound message, filed under its interaction when that is already known; undefined for a duplicate. */
  insertInbound(message: StoredMessage, link?: { interactionId: string; contactId?: string; conversationId?: string }): MessageRecord | undefined;
  /** Whether a message with this platform id was stored before (the duplicate check before a run). */
  has(message: Pick<StoredMessage, 'channel' | 'account' | 'platformMessageId'>): boolean;
  /** Stores what an agent sent, on its interaction (direction 'out'). */
  insertOutbound(message: OutboundMessage): MessageRecord;
  get(id: string): MessageRecord | undefined;
  list(filter: { contactId?: string; conversationId?: string; interactionId?: string; limit?: number }): MessageRecord[];
  /**
   * Records an edit (new text, the first text kept) or a removal of a stored
   * message, and flags its interaction; undefined when the message is not ours.
   */
  applyChange(change: MessageChange): MessageRecord | undefined;
}

// ---------- interactions ----------
export interface InteractionFilter {
  state?: InteractionState;
  queue?: string;
  /** The agent it is offered to, assigned to or was closed by. */
  agentId?: string;
  contactId?: string;
  channel?: string;
  flowId?: string;
  since?: string;
  limit?: number;
}

export interface InteractionRepo {
  get(id: string): InteractionRecord | undefined;
  /** The id of the interaction still open (queued, offered or assigned) on a conversation, to join (read for every message: the id alone). */
  openIdForConversation(conversationId: string): string | undefined;
  list(filter: InteractionFilter): InteractionRecord[];
  addFlag(id: string, flag: InteractionFlag): void;
  /** Every routed interaction still open (queued, offered or assigned), oldest first, without a page limit: what the ACD restores at start. */
  routed(): InteractionRecord[];
  /**
   * The ACD moved the interaction: its state and agent (null clears it), and its queue after an overflow.
   * With `unless`, nothing changes when the row is no longer offered to that agent (it was taken meanwhile).
   */
  setRouting(id: string, change: { state: InteractionState; agentId: string | null; queue?: string }, at: string, onlyIfOfferedTo?: string): boolean;
  /** Later replies go this way (a public conversation moved to private); false when the interaction does not exist. */
  setVisibility(id: string, visibility: 'public' | 'private', at: string): boolean;
  /**
   * Waits again in another queue: queued, no agent, no preferred agent, the new skills. False when it does not exist.
   * The caller checks it is still open, in the same transaction (the ACD marks it closed when it lets go of it).
   */
  transfer(id: string, change: { queue: string; skills: QueueRequest['skills'] }, at: string): boolean;
  /** Closes it with its disposition; false when it does not exist. The caller checks it was still open, in the same transaction. */
  close(id: string, change: { disposition?: string }, at: string): boolean;
}

// ---------- ACD ----------
export interface AgentStateRecord {
  agentId: string;
  status: AgentStatusName;
  reason?: string;
  idleSince?: string;
  updatedAt: string;
}

export interface AgentSubscriptionRecord {
  agentId: string;
  contactId: string;
  at: string;
}

export type OfferEndReason = 'accepted' | 'denied' | 'expired' | 'withdrawn' | 'taken';

export interface OfferRecord {
  id: string;
  interactionId: string;
  agentId: string;
  offeredAt: string;
  expiresAt: string;
  endedAt?: string;
  endReason?: OfferEndReason;
}

export interface AcdRepo {
  agentStates(): AgentStateRecord[];
  agentState(agentId: string): AgentStateRecord | undefined;
  setAgentState(state: Omit<AgentStateRecord, 'updatedAt'>, at: string): AgentStateRecord;
  /** Every subscription, oldest first (the latest to serve a contact comes last). */
  subscriptions(agentId?: string): AgentSubscriptionRecord[];
  subscribe(agentId: string, contactId: string, at: string): void;
  offer(id: string): OfferRecord | undefined;
  insertOffer(offer: Omit<OfferRecord, 'endedAt' | 'endReason'>): void;
  /** Ends an open offer; false when it was already ended or does not exist. */
  endOffer(id: string, reason: OfferEndReason, at: string): boolean;
  /** Ends the open offer of an interaction to an agent (an accept names no offer id). */
  endOfferFor(interactionId: string, agentId: string, reason: OfferEndReason, at: string): boolean;
  /** Ends every offer still open (a restart withdraws them all); returns how many. */
  endOpenOffers(reason: OfferEndReason, at: string): number;
  /** Interactions an agent denied or let time out, still in their personal queue (kept apart from them until pulled). */
  declines(): AcdDeclineRecord[];
  decline(interactionId: string, agentId: string, at: string): void;
  /** Out of one agent's personal queue (`agentId`), or of everyone's. */
  undecline(interactionId: string, agentId?: string): void;
  /** Interactions transferred away from an agent: not routed back to them as the customer's last agent. */
  transferExclusions(): AcdDeclineRecord[];
  excludeAfterTransfer(interactionId: string, agentId: string, at: string): void;
  /** Forgets an interaction's declines and transfer exclusion (it left the ACD). */
  forgetInteraction(interactionId: string): void;
}

export interface AcdDeclineRecord {
  interactionId: string;
  agentId: string;
  at: string;
}

// ---------- executions ----------
export type ExecutionStatus = 'running' | 'waiting' | 'completed' | 'failed';

export interface ExecutionRecord {
  id: string;
  flowId: string;
  flowVersion: number;
  messageId: string;
  interactionId?: string;
  status: ExecutionStatus;
  startedAt: string;
  finishedAt?: string;
  /** What the run waits for (an outbox item), while waiting. */
  waitKey?: string;
  error?: string;
  steps: Step[];
}

export interface ExecutionFilter {
  flowId?: string;
  status?: ExecutionStatus;
  messageId?: string;
  interactionId?: string;
  /** Runs filed under any of these interactions (an agent's own, in one query). */
  interactionIds?: readonly string[];
  since?: string;
  limit?: number;
}

/** Everything a run writes when it finishes or pauses, committed in one transaction. */
export interface RunCommit {
  executionId: string;
  status: ExecutionStatus;
  /** New steps since the last commit of this run. */
  steps: Step[];
  actions: Array<PlatformAction & { id: string }>;
  /** Set when the run finished: which interaction the message belongs to now. */
  interaction?: {
    /** Join this open interaction instead of creating one. */
    joinId?: string;
    record: Omit<InteractionRecord, 'createdAt' | 'updatedAt'>;
  };
  messageId: string;
  /** When the message arrived: a new interaction is dated by it (the flow's clock, where `at` is the store's). */
  messageAt?: string;
  snapshot?: unknown;
  waitKey?: string;
  error?: string;
  at: string;
}

/** The interaction a commit creates (none when it joins an open one), as the store keeps it: dated by its message. */
export function createdInteraction(commit: RunCommit): InteractionRecord | undefined {
  const created = commit.interaction;
  if (!created || created.joinId !== undefined) return undefined;
  const at = commit.messageAt ?? commit.at;
  // Object.assign, not a spread with added keys (docs/performance.md).
  return Object.assign({}, created.record, { flags: [], createdAt: at, updatedAt: at });
}

export interface ExecutionRepo {
  /** Stores a new inbound message and (when a flow takes it) its execution as running, in one transaction; undefined for a duplicate message. */
  start(message: StoredMessage, execution?: { id: string; flowId: string; flowVersion: number }): { message: MessageRecord } | undefined;
  commit(commit: RunCommit): void;
  /**
   * Stores a message and the run that already went on it (finished or paused)
   * in one transaction, for callers that wait for the whole run; false, with
   * nothing written, when the message turns out to be a duplicate.
   */
  record(message: StoredMessage, execution: { id: string; flowId: string; flowVersion: number }, commit: RunCommit): boolean;
  get(id: string): ExecutionRecord | undefined;
  list(filter: ExecutionFilter): ExecutionRecord[];
  snapshot(id: string): unknown;
  findWaiting(waitKey: string): ExecutionRecord | undefined;
  /** Runs left `running` by a crash: started, never committed. */
  interrupted(): ExecutionRecord[];
}

// ---------- outbox ----------
export type OutboxStatus = 'pending' | 'sent' | 'dead';

export interface OutboxRecord extends PlatformAction {
  id: string;
  executionId?: string;
  interactionId?: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  deadlineAt: string;
  lastError?: string;
  platformResultId?: string;
  /** What the platform later said of the sent item (delivered, read, failed). */
  deliveryStatus?: string;
  deliveryError?: string;
  /** Set while an attempt is in flight (claimed by a dispatcher): when it started. Its lease ends at nextAttemptAt. */
  sendingSince?: string;
  createdAt: string;
  updatedAt: string;
}

/** An item a dispatcher claimed for one attempt; `claim` proves it when the attempt is recorded. */
export interface ClaimedOutboxItem extends OutboxRecord {
  claim: string;
  sendingSince: string;
}

export interface OutboxRepo {
  get(id: string): OutboxRecord | undefined;
  /**
   * Claims up to `limit` due items for one attempt each, atomically: their next
   * attempt moves `leaseSeconds` ahead, so no other drain or dispatcher picks
   * them up meanwhile (and one that crashed mid-send is retried once the lease ends).
   */
  claimDue(now: string, limit: number, leaseSeconds: number): ClaimedOutboxItem[];
  /** The earliest next attempt among pending items, to set a timer. */
  nextDueAt(): string | undefined;
  /**
   * Records the item as sent (whoever sent it: a send that happened is never
   * forgotten) and ends any claim; the outbound message filed with it takes
   * the platform's id.
   */
  markSent(id: string, at: string, platformResultId?: string): void;
  /**
   * Records a failed attempt: pending again at `nextAttemptAt`, or dead when
   * there is none or it is past the deadline. With `claim`, only while that
   * claim still holds the item; undefined when it no longer does.
   */
  markFailed(id: string, at: string, error: string, nextAttemptAt: string | undefined, claim?: string): OutboxRecord | undefined;
  /** `interactionIds`: items of any of these interactions (an agent's own, in one query). */
  list(filter: { status?: OutboxStatus; executionId?: string; interactionId?: string; interactionIds?: readonly string[]; limit?: number }): OutboxRecord[];
  /** Queues an action (pending, due at `at`, dead after `at` + retryForSeconds). */
  enqueue(action: PlatformAction & { id: string }, owner: { executionId?: string; interactionId?: string }, at: string): OutboxRecord;
  /** A delivery report for something we sent, found by the id the platform gave it; false when it is not ours. */
  markDelivery(channel: string, platformResultId: string, status: string, error?: string): boolean;
}

// ---------- users and sessions ----------
export type Role = 'admin' | 'analyst' | 'supervisor' | 'agent';

export interface UserRecord {
  id: string;
  username: string;
  /** `scrypt$N$r$p$salt$hash` (base64url); never the password itself. */
  passwordHash: string;
  roles: Role[];
  /** The agent resource an agent acts as. */
  agentId?: string;
  createdAt: string;
}

export interface SessionRecord {
  /** sha256 (hex) of the bearer token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface UserRepo {
  list(): UserRecord[];
  count(): number;
  get(id: string): UserRecord | undefined;
  byUsername(username: string): UserRecord | undefined;
  /** Throws ConflictError when the username is taken. */
  create(user: UserRecord): UserRecord;
  /** Deletes the user and their sessions. */
  delete(id: string): boolean;
  createSession(session: SessionRecord): void;
  session(tokenHash: string): SessionRecord | undefined;
  deleteSession(tokenHash: string): boolean;
  /** A new password hash; every session of the user but `keepSession` (a token hash) ends. False for an unknown user. */
  setPassword(id: string, passwordHash: string, keepSession?: string): boolean;
}
