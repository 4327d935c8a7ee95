import type { AgentResource, Queue } from '../../../schemas/resources/index.ts';
import type { InteractionRecord, Store } from '../store/types.ts';
import type { Acd } from './acd.ts';
import { waitingFromRecord } from './from-record.ts';
import type { AcdQueue, Agent, AgentStatus } from './types.ts';

export function acdQueue(queue: Queue): AcdQueue {
  return { id: queue.id, ...(queue.skills && { skills: queue.skills }), ...(queue.agentGroup && { agentGroup: queue.agentGroup }), ...(queue.overflow && { overflow: queue.overflow }) };
}

export function acdAgent(resource: AgentResource, status: AgentStatus): Agent {
  return {
    ...status,
    id: resource.id,
    name: resource.name,
    skills: Object.fromEntries((resource.skills ?? []).map(({ skill, level }) => [skill, level])),
    groups: [...(resource.groups ?? [])],
    capacity: { ...(resource.capacity as Record<string, number>) },
  } as Agent;
}

export function statusOf(state: { status: AgentStatus['status']; reason?: string } | undefined): AgentStatus {
  if (!state) return { status: 'offline' };
  if (state.status === 'not-ready') return { status: 'not-ready', reason: state.reason ?? 'unspecified' };
  return { status: state.status };
}

/**
 * Rebuilds the ACD from the store at start: queues; agents with their status
 * and subscriptions (offline first, so the work they hold is counted before
 * anything new is offered); assigned work; then the waiting interactions with
 * their declines (personal queues) and transfer exclusions. Offers do not
 * survive: open ones are withdrawn and their interactions wait again.
 * Returns how many interactions wait.
 */
export function restoreFromStore(acd: Acd, store: Store, at: string, guard: (work: () => void) => void): number {
  const routed = store.transaction(() => {
    store.acd.endOpenOffers('withdrawn', at);
    const records = store.interactions.routed();
    for (const record of records) {
      if (record.state === 'offered') {
        store.interactions.setRouting(record.id, { state: 'queued', agentId: null }, at);
        record.state = 'queued';
        delete record.agentId;
      }
    }
    return records;
  });
  for (const queue of store.resources.list('queue') as Queue[]) acd.queueChanged(acdQueue(queue));

  const states = new Map(store.acd.agentStates().map((state) => [state.agentId, state]));
  const subscriptions = new Map<string, string[]>();
  for (const sub of store.acd.subscriptions()) subscriptions.set(sub.agentId, [...(subscriptions.get(sub.agentId) ?? []), sub.contactId]);
  for (const resource of store.resources.list('agent') as AgentResource[]) {
    // Offline first, so the work they already hold is counted before anything new is offered.
    guard(() => acd.agentChanged({ ...acdAgent(resource, { status: 'offline' }), subscriptions: subscriptions.get(resource.id) ?? [] }));
  }
  for (const record of routed) {
    if (record.state === 'assigned' && record.agentId && acd.agent(record.agentId)) {
      guard(() => acd.restoreAssigned(waitingFromRecord(record as InteractionRecord & { queue: string }), record.agentId!));
    }
  }
  for (const resource of store.resources.list('agent') as AgentResource[]) {
    const state = states.get(resource.id);
    if (!state || state.status === 'offline') continue;
    const idleSince = state.idleSince ? Date.parse(state.idleSince) : undefined;
    guard(() => acd.agentChanged({ ...acdAgent(resource, statusOf(state)), ...(idleSince !== undefined && { idleSince }) }));
  }
  const declines = new Map<string, string[]>();
  for (const decline of store.acd.declines()) declines.set(decline.interactionId, [...(declines.get(decline.interactionId) ?? []), decline.agentId]);
  const excluded = new Map(store.acd.transferExclusions().map((exclusion) => [exclusion.interactionId, exclusion.agentId]));
  let waiting = 0;
  for (const record of routed) {
    if (record.state === 'assigned') continue;
    const entry = waitingFromRecord(record as InteractionRecord & { queue: string });
    const declinedBy = declines.get(record.id);
    if (declinedBy) entry.declinedBy = declinedBy;
    const notFor = excluded.get(record.id);
    // An expired preference for the agent it was transferred from: no last-agent lookup sends it back.
    if (notFor !== undefined && entry.preferredAgent === undefined) Object.assign(entry, { preferredAgent: notFor, preferredAgentUntil: 0 });
    guard(() => acd.enqueue(entry));
    waiting++;
  }
  return waiting;
}
