import type { InboundMessage } from './message.ts';
import type { SkillRequirement } from './resources/index.ts';

/**
 * The records the runtime stores and its API answers with, as JSON: one
 * definition for the store (runtime/src/store/types.ts re-exports them) and
 * for the web app that reads them over HTTP.
 */

/** An inbound message as stored: the normalized message with its id and receive time. */
export type StoredMessage = InboundMessage & { id: string; receivedAt: string };

// ---------- contacts ----------
export interface ContactRecord {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  segment?: string;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface IdentityRecord {
  contactId: string;
  channel: string;
  platformId: string;
  handle?: string;
}

// ---------- messages ----------
export interface MessageRecord {
  id: string;
  direction: 'in' | 'out';
  channel: string;
  account: string;
  platformMessageId: string;
  contactId?: string;
  conversationId?: string;
  interactionId?: string;
  text: string;
  message: StoredMessage;
  receivedAt: string;
  editedAt?: string;
  deletedAt?: string;
  originalText?: string;
  /** Outbound: the outbox item that carries it, and the agent who wrote it. */
  outboxId?: string;
  agentId?: string;
}

/** A flag on an interaction for the agent: a message in it was edited or removed, an action failed for good. */
export interface InteractionFlag {
  kind: 'message-edited' | 'message-deleted' | 'action-failed';
  at: string;
  messageId?: string;
  note: string;
}

// ---------- interactions ----------
export type InteractionState = 'queued' | 'offered' | 'assigned' | 'completed' | 'closed' | 'failed';

export interface InteractionRecord {
  id: string;
  conversationId?: string;
  contactId?: string;
  channel: string;
  account: string;
  visibility: 'public' | 'private';
  flowId: string;
  flowVersion: number;
  state: InteractionState;
  queue?: string;
  skills: SkillRequirement[];
  priority: number;
  preferredAgent?: string;
  preferredAgentUntil?: string;
  /** The agent it is offered to or assigned to (set by the ACD). */
  agentId?: string;
  greeting?: string;
  attributes: Record<string, unknown>;
  /** What the agent should know happened since (edits, removals, failed actions). */
  flags?: InteractionFlag[];
  /** The disposition code it was closed with, and when an agent closed it. */
  disposition?: string;
  closedAt?: string;
  createdAt: string;
  updatedAt: string;
}

// ---------- ACD ----------
export type AgentStatusName = 'available' | 'not-ready' | 'offline';

/** An interaction offered to an agent, open until accepted, denied or expired (epoch ms, on the ACD's clock). */
export interface Offer {
  id: string;
  interactionId: string;
  agentId: string;
  offeredAt: number;
  expiresAt: number;
}
