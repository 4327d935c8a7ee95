import { chronological, type InteractionDetail, type Message } from './api.ts';

/** Agent display names by agent id, from the agent resources. */
export type AgentNames = ReadonlyMap<string, string>;

export function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** An agent by their name; by id only when the agent resource is gone (or not loaded yet). */
export function agentLabel(agentId: string, names: AgentNames): string {
  return names.get(agentId) ?? `Agent ${agentId}`;
}

/** Who wrote a message: the customer by name or handle, our side by the agent who sent it. */
export function authorOf(message: Message, names: AgentNames): string {
  if (message.direction === 'out') return message.agentId ? agentLabel(message.agentId, names) : 'Us';
  const author = message.message.author;
  return author?.name ?? (author?.handle ? `@${author.handle}` : 'Customer');
}

export function firstInbound(detail: InteractionDetail | undefined): Message | undefined {
  if (!detail) return undefined;
  return chronological(detail.messages).find((message) => message.direction === 'in');
}

/** The customer of an interaction, for offers, the personal queue and tab labels. */
export function who(detail: InteractionDetail | undefined): string {
  const author = firstInbound(detail)?.message.author;
  return author?.name ?? (author?.handle ? `@${author.handle}` : (detail?.interaction.contactId ?? '…'));
}
