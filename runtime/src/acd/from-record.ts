import type { InteractionRecord } from '../store/types.ts';
import type { WaitingInteraction } from './types.ts';

/** The ACD's view of a stored interaction that a flow routed to a queue. */
export function waitingFromRecord(record: InteractionRecord & { queue: string }): WaitingInteraction {
  return {
    id: record.id,
    queue: record.queue,
    skills: record.skills,
    priority: record.priority,
    enqueuedAt: Date.parse(record.createdAt),
    channel: record.channel,
    visibility: record.visibility,
    ...(record.contactId !== undefined ? { contactId: record.contactId } : {}),
    ...(record.preferredAgent !== undefined ? { preferredAgent: record.preferredAgent } : {}),
    ...(record.preferredAgentUntil !== undefined ? { preferredAgentUntil: Date.parse(record.preferredAgentUntil) } : {}),
  };
}
