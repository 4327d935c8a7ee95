import type { InteractionRecord } from '../../../schemas/records.ts';
import { request } from '../api/client.ts';

/** The agents and their ACD state: the same call and rows as the agent's desk. */
export { listAgents, type AgentRow } from '../agent/api.ts';

/** The fields of `GET /api/interactions` the supervisor shows. */
export type InteractionRow = Pick<
  InteractionRecord,
  'id' | 'channel' | 'account' | 'visibility' | 'state' | 'queue' | 'priority' | 'agentId' | 'contactId' | 'createdAt' | 'updatedAt'
>;

/** The states a supervisor can still move to another queue. */
export const LIVE_STATES = ['queued', 'offered', 'assigned'] as const;

/** Interactions still in the ACD's hands: waiting, offered or assigned. */
export async function listLiveInteractions(signal?: AbortSignal): Promise<InteractionRow[]> {
  const lists = await Promise.all(
    LIVE_STATES.map((state) => request<{ interactions: InteractionRow[] }>(`/api/interactions?state=${state}&limit=1000`, { signal })),
  );
  return lists.flatMap((list) => list.interactions);
}

/** Moves an interaction to another queue (`POST /api/interactions/:id/transfer`); it is matched afresh there. */
export async function transferInteraction(id: string, queue: string): Promise<InteractionRow> {
  const body = await request<{ interaction: InteractionRow }>(`/api/interactions/${encodeURIComponent(id)}/transfer`, {
    method: 'POST',
    body: JSON.stringify({ queue }),
  });
  return body.interaction;
}
