import type { Engagement } from '../../../schemas/channel-capabilities.ts';
import type { AgentResource, Disposition, Queue, StandardResponse } from '../../../schemas/resources/index.ts';
import { ApiRequestError } from '../api/client.ts';
import { authFetch } from '../auth/http.ts';

/** The agent's desk talks to the ACD and work routes of the runtime (README, "HTTP API"). */

export type AgentStatusName = 'available' | 'not-ready' | 'offline';

export interface Offer {
  id: string;
  interactionId: string;
  agentId: string;
  /** Epoch ms, on the server's ACD clock. */
  offeredAt: number;
  expiresAt: number;
}

/** One row of `GET /api/agents`. */
export interface AgentRow {
  resource: AgentResource;
  status: AgentStatusName;
  reason?: string;
  idleSince?: string;
  load: Record<string, number>;
  offers: Offer[];
  assigned: string[];
  personalQueue: string[];
  held: string[];
  subscriptions: number;
}

export interface Interaction {
  id: string;
  conversationId?: string;
  contactId?: string;
  channel: string;
  account: string;
  visibility: 'public' | 'private';
  flowId: string;
  state: 'queued' | 'offered' | 'assigned' | 'completed' | 'closed' | 'failed';
  queue?: string;
  priority: number;
  agentId?: string;
  greeting?: string;
  attributes: Record<string, unknown>;
  /** What happened since that the agent should know (edits, removals, failed actions). */
  flags?: { kind: 'message-edited' | 'message-deleted' | 'action-failed'; at: string; messageId?: string; note: string }[];
  disposition?: string;
  closedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredMessage {
  visibility?: 'public' | 'private';
  kind?: string;
  author?: { id?: string; handle?: string; name?: string };
  text?: string;
}

export interface Message {
  id: string;
  direction: 'in' | 'out';
  channel: string;
  account: string;
  contactId?: string;
  interactionId?: string;
  text: string;
  message: StoredMessage;
  receivedAt: string;
  editedAt?: string;
  deletedAt?: string;
  originalText?: string;
  agentId?: string;
}

export interface InteractionDetail {
  interaction: Interaction;
  messages: Message[];
}

export interface Contact {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  segment?: string;
  attributes: Record<string, unknown>;
  createdAt: string;
}

export interface ContactHistory {
  contact: Contact;
  identities: { contactId: string; channel: string; platformId: string; handle?: string }[];
  interactions: (Omit<Interaction, 'disposition'> & { disposition?: { id: string; name: string; outcome?: string } })[];
  messages: (Omit<Message, 'message'> & { visibility?: string; kind?: string; author?: StoredMessage['author'] })[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON call with the session's token; refusals become ApiRequestError with the server's own message. */
async function call<T>(path: string, method = 'GET', body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers = new Headers({ accept: 'application/json' });
  if (body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await authFetch(path, { method, headers, signal, ...(body !== undefined && { body: JSON.stringify(body) }) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, 'cannot reach the Switchyard server');
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = isRecord(parsed) && typeof parsed.error === 'string' ? parsed.error : `${response.status} ${response.statusText}`.trim();
    throw new ApiRequestError(response.status, message, isRecord(parsed) && typeof parsed.pointer === 'string' ? parsed.pointer : undefined, isRecord(parsed) ? parsed : {});
  }
  return parsed as T;
}

const enc = encodeURIComponent;

export async function listAgents(signal?: AbortSignal): Promise<AgentRow[]> {
  return (await call<{ agents: AgentRow[] }>('/api/agents', 'GET', undefined, signal)).agents;
}

export function setStatus(agentId: string, status: AgentStatusName, reason?: string) {
  return call<{ agent: { id: string; status: AgentStatusName; reason?: string } }>(`/api/agents/${enc(agentId)}/status`, 'POST', {
    status,
    ...(status === 'not-ready' && { reason: reason || 'unspecified' }),
  });
}

export const acceptOffer = (offerId: string) => call<{ interaction?: Interaction }>(`/api/offers/${enc(offerId)}/accept`, 'POST');
export const denyOffer = (offerId: string) => call<{ denied: string }>(`/api/offers/${enc(offerId)}/deny`, 'POST');
export const pull = (agentId: string, interactionId: string) =>
  call<{ interaction?: Interaction }>(`/api/agents/${enc(agentId)}/personal-queue/${enc(interactionId)}/pull`, 'POST');

export const getInteraction = (id: string, signal?: AbortSignal) => call<InteractionDetail>(`/api/interactions/${enc(id)}`, 'GET', undefined, signal);
export const contactHistory = (id: string, signal?: AbortSignal) => call<ContactHistory>(`/api/contacts/${enc(id)}/history`, 'GET', undefined, signal);

/** Replies and the move-to-private invitation name the agent sending them (with sign-in on, the server checks it is the signed-in one). */
export const reply = (id: string, text: string, visibility: 'public' | 'private', agentId: string) =>
  call<unknown>(`/api/interactions/${enc(id)}/reply`, 'POST', { text, visibility, agentId });
export const engage = (id: string, action: Engagement) => call<unknown>(`/api/interactions/${enc(id)}/${action}`, 'POST');
export const moveToPrivate = (id: string, text: string | undefined, agentId: string) =>
  call<unknown>(`/api/interactions/${enc(id)}/move-to-private`, 'POST', { ...(text && { text }), agentId });
export const transfer = (id: string, queue: string) => call<{ interaction: Interaction }>(`/api/interactions/${enc(id)}/transfer`, 'POST', { queue });
export const closeInteraction = (id: string, disposition?: string) =>
  call<{ interaction: Interaction }>(`/api/interactions/${enc(id)}/close`, 'POST', disposition ? { disposition } : undefined);

async function resources<T>(kind: string, signal?: AbortSignal): Promise<T[]> {
  return (await call<{ resources: T[] }>(`/api/resources/${kind}`, 'GET', undefined, signal)).resources;
}
export const listResponses = (signal?: AbortSignal) => resources<StandardResponse>('response', signal);
export const listDispositions = (signal?: AbortSignal) => resources<Disposition>('disposition', signal);
export const listQueues = (signal?: AbortSignal) => resources<Queue>('queue', signal);

/**
 * Oldest first. Same-instant messages (a pinned clock, or a reply sent within
 * the second) put the customer's first: a reply answers an earlier message.
 */
export function chronological<T extends { receivedAt: string; direction: 'in' | 'out' }>(messages: readonly T[]): T[] {
  return [...messages].reverse().sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
