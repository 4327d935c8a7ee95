import { effectivePriority, type AgentEntry, type InteractionEntry } from './entries.ts';
import type { Agent, InteractionState, Offer, WaitingInteraction } from './types.ts';

/** An agent with what the ACD knows of its work, for the workspace and the supervisor. */
export type AgentView = Agent & {
  idleSince: number;
  subscriptions: string[];
  /** Capacity slot → offers out plus interactions assigned. */
  load: Record<string, number>;
  offers: Offer[];
  assigned: string[];
  personalQueue: string[];
  /** Interactions waiting for this agent as their preferred one. */
  held: string[];
};

export type InteractionView = WaitingInteraction & {
  state: InteractionState;
  effectivePriority: number;
  agentId?: string;
  offer?: Offer;
  /** Agents who denied it or let the offer time out. */
  declinedBy: string[];
};

export function agentView(entry: AgentEntry): AgentView {
  const ids = (entries: Iterable<InteractionEntry>) => [...entries].map((e) => e.data.id);
  return {
    ...entry.agent,
    idleSince: entry.idleSince,
    subscriptions: [...entry.subscriptions],
    load: Object.fromEntries(entry.load),
    offers: [...entry.offers.values()].map((o) => ({ ...o.offer })),
    assigned: ids(entry.assigned),
    personalQueue: ids(entry.parked),
    held: ids(entry.held),
  };
}

export function interactionView(entry: InteractionEntry, rate: number, now: number): InteractionView {
  const offer = entry.offer;
  const view: InteractionView = {
    ...entry.data,
    skills: entry.data.skills.map((s) => ({ ...s })),
    state: entry.state,
    effectivePriority: effectivePriority(entry, rate, now),
    declinedBy: [...entry.declinedBy].map((a) => a.agent.id),
  };
  if (offer) {
    view.offer = { ...offer.offer };
    view.agentId = offer.agent.agent.id;
  } else if (entry.agent) view.agentId = entry.agent.agent.id;
  return view;
}
