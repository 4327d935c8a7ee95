import type { InboundMessage } from '../../../schemas/message.ts';
import type { ResourceByKind, ResourceKind, SkillRequirement } from '../../../schemas/resources/index.ts';

/** An inbound message once stored: our id and a receive time are always there. */
import type { ContactRecord, StoredMessage } from '../../../schemas/records.ts';

export type { StoredMessage };

/** A contact as a run sees it: the stored record without its timestamps. */
export interface ContactView extends Omit<ContactRecord, 'createdAt' | 'updatedAt'> {
  /** Created by this run. */
  isNew: boolean;
}

export interface ConversationView {
  id: string;
  /** Opened by this run (no open conversation within the continuity window). */
  isNew: boolean;
  lastAgentId?: string;
}

export interface Routing {
  priority: number;
  skills: SkillRequirement[];
  greeting?: string;
  queue?: string;
  preferredAgent?: string;
}

export interface SentimentView {
  label: 'positive' | 'neutral' | 'negative';
  score: number;
  comparative: number;
}

/**
 * What a run carries from block to block. Plain JSON: it is persisted in the
 * snapshot of a waiting run, and templates read it (message, contact, vars…).
 */
export interface RunContext {
  flow: { id: string; version: number };
  message: StoredMessage;
  contact?: ContactView;
  conversation?: ConversationView;
  routing: Routing;
  vars: Record<string, unknown>;
  sentiment?: SentimentView;
}

/** The parts of the context a block may change. `vars` and `routing` merge; the rest replace. */
export interface ContextPatch {
  contact?: ContactView;
  conversation?: ConversationView;
  routing?: Partial<Routing>;
  vars?: Record<string, unknown>;
  sentiment?: SentimentView;
}

export interface BlockResult {
  port: string;
  /** Why this port, in words an analyst reads in the trace: which rule matched, which window applied. */
  reason: string;
  patch?: ContextPatch;
  /** Small facts for the trace (matched keyword, schedule window, HTTP status). */
  details?: Record<string, unknown>;
}

/** The block pauses the run until `resume(key, …)` is called (an outbox result, a timer). */
export interface WaitResult {
  wait: { key: string };
  reason: string;
  patch?: ContextPatch;
  details?: Record<string, unknown>;
}

export type ExecutorResult = BlockResult | WaitResult;

export function isWait(result: ExecutorResult): result is WaitResult {
  return 'wait' in result;
}

/** A platform action as the outbox stores it: channel-neutral; adapters turn it into API calls. */
export interface PlatformAction {
  action: 'reply' | 'like' | 'retweet' | 'favorite';
  channel: InboundMessage['channel'];
  account: string;
  visibility?: 'public' | 'private';
  text?: string;
  /** The inbound item acted on (tweet id, comment id, reply token) and its author. */
  target: { messageId: string; platformMessageId: string; replyTarget?: InboundMessage['replyTarget']; authorId: string; threadId?: string };
  /** Keep retrying failures until this long after the first try. */
  retryForSeconds: number;
}

export interface QueueRequest {
  queue: string;
  skills: SkillRequirement[];
  priority: number;
  preferredAgent?: string;
  preferredAgentTimeoutSeconds?: number;
  greeting?: string;
}

export interface ResourceReader {
  get<K extends ResourceKind>(kind: K, id: string): ResourceByKind[K] | undefined;
}

/** What a contact look-up answers: at once in the thread that owns the store, later from an engine worker. */
export type Answer<T> = T | Promise<T>;

export interface IdentifyOptions {
  createIfMissing: boolean;
  continuityHours: number;
  matchBy: Array<'identity' | 'email' | 'phone'>;
}

export interface IdentifyAnswer {
  contact?: ContactView;
  conversation?: ConversationView;
  matchedBy?: string;
}

export interface ContactService {
  /** Find the contact by the author's platform identity (then email/phone), create one if allowed; join or open a conversation. */
  identify(message: StoredMessage, options: IdentifyOptions): Answer<IdentifyAnswer>;
  /** Facts for personalization rules. */
  stats(contactId: string, withinHours: number, now: Date): Answer<{ recentInteractions: number; pendingInteractions: number }>;
}

/**
 * Everything a block may reach outside its config and the context. Live runs
 * and simulations get different implementations; executors cannot tell.
 */
export interface RunServices {
  now(): Date;
  /** A simulation: effects are recorded, never committed or sent. */
  dryRun: boolean;
  resources: ResourceReader;
  contacts: ContactService;
  /** Queue a platform action in the run's outbox; returns its id. Committed with the run's steps. */
  enqueueAction(action: PlatformAction): string;
  /** Hand the interaction to a queue (committed at the end of the run). */
  route(request: QueueRequest): void;
  fetch: typeof fetch;
}

export interface ExecutorArgs<C> {
  config: C;
  context: RunContext;
  nodeId: string;
  signal: AbortSignal;
  services: RunServices;
}

export type Executor<C> = (args: ExecutorArgs<C>) => Promise<ExecutorResult>;

/** One recorded step of a run: node, port, time taken and why. */
export interface Step {
  seq: number;
  nodeId: string;
  blockType: string;
  port: string | null;
  reason: string;
  startedAt: string;
  durationMs: number;
  details?: Record<string, unknown>;
}
