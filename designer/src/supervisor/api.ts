import { ApiRequestError } from '../api/client.ts';
import { authFetch } from '../auth/http.ts';

/** An offer out to an agent (times in epoch milliseconds). */
export interface AgentOffer {
  id: string;
  interactionId: string;
  agentId: string;
  offeredAt: number;
  expiresAt: number;
}

/** One row of `GET /api/agents`. */
export interface AgentRow {
  resource: { id: string; name: string; description?: string };
  status: 'available' | 'not-ready' | 'offline';
  reason?: string;
  idleSince?: string;
  /** Capacity slot → offers out plus interactions assigned. */
  load: Record<string, number>;
  offers: AgentOffer[];
  assigned: string[];
  personalQueue: string[];
  held: string[];
  subscriptions: number;
}

/** The fields of `GET /api/interactions` the supervisor shows. */
export interface InteractionRow {
  id: string;
  channel: string;
  account: string;
  visibility: 'public' | 'private';
  state: 'queued' | 'offered' | 'assigned' | 'completed' | 'closed' | 'failed';
  queue?: string;
  priority: number;
  agentId?: string;
  contactId?: string;
  createdAt: string;
  updatedAt: string;
}

/** The states a supervisor can still move to another queue. */
export const LIVE_STATES = ['queued', 'offered', 'assigned'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await authFetch(path, { ...init, headers });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiRequestError(0, 'cannot reach the Switchyard server');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = isRecord(body) && typeof body.error === 'string' ? body.error : `${response.status} ${response.statusText}`.trim();
    throw new ApiRequestError(response.status, message, isRecord(body) && typeof body.pointer === 'string' ? body.pointer : undefined, isRecord(body) ? body : {});
  }
  return body as T;
}

export async function listAgents(signal?: AbortSignal): Promise<AgentRow[]> {
  return (await call<{ agents: AgentRow[] }>('/api/agents', { signal })).agents;
}

/** Interactions still in the ACD's hands: waiting, offered or assigned. */
export async function listLiveInteractions(signal?: AbortSignal): Promise<InteractionRow[]> {
  const lists = await Promise.all(
    LIVE_STATES.map((state) => call<{ interactions: InteractionRow[] }>(`/api/interactions?state=${state}&limit=1000`, { signal })),
  );
  return lists.flatMap((list) => list.interactions);
}

/** Moves an interaction to another queue (`POST /api/interactions/:id/transfer`); it is matched afresh there. */
export async function transferInteraction(id: string, queue: string): Promise<InteractionRow> {
  const body = await call<{ interaction: InteractionRow }>(`/api/interactions/${encodeURIComponent(id)}/transfer`, {
    method: 'POST',
    body: JSON.stringify({ queue }),
  });
  return body.interaction;
}
