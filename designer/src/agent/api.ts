import type { Engagement } from '../../../schemas/channel-capabilities.ts';
import type { AgentResource, Disposition, Queue, StandardResponse } from '../../../schemas/resources/index.ts';
import type { AgentStatusName, ContactRecord, IdentityRecord, InteractionRecord, MessageRecord, Offer } from '../../../schemas/records.ts';
import { request } from '../api/client.ts';

/** The agent's desk talks to the ACD and work routes of the runtime (README, "HTTP API"). */

export type { AgentStatusName, Offer };
export type Interaction = InteractionRecord;
export type Message = MessageRecord;
export type Contact = ContactRecord;

/** One row of `GET /api/agents` (the route builds it from the agent resource and the ACD's view of the agent). */
export interface AgentRow {
  resource: AgentResource;
  status: AgentStatusName;
  reason?: string;
  idleSince?: string;
  /** Capacity slot → offers out plus interactions assigned. */
  load: Record<string, number>;
  offers: Offer[];
  assigned: string[];
  personalQueue: string[];
  held: string[];
  subscriptions: number;
}

/** `GET /api/interactions/:id`. */
export interface InteractionDetail {
  interaction: Interaction;
  messages: Message[];
}

/** `GET /api/contacts/:id/history`: interactions with their disposition spelled out, messages with the stored message's visibility, kind and author. */
export interface ContactHistory {
  contact: Contact;
  identities: IdentityRecord[];
  interactions: (Omit<Interaction, 'disposition'> & { disposition?: { id: string; name: string; outcome?: string } })[];
  messages: (Omit<Message, 'message'> & Partial<Pick<Message['message'], 'visibility' | 'kind' | 'author'>>)[];
}

/** A JSON call with the session's token (see `request`). */
function call<T>(path: string, method = 'GET', body?: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { method, signal, ...(body !== undefined && { body: JSON.stringify(body) }) });
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

