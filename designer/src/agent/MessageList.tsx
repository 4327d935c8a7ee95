import type { Interaction, Message } from './api.ts';
import { authorOf, time, type AgentNames } from './format.ts';

/** What happened since the agent should know about (edits, removals, failed actions). */
export function FlagList({ flags }: { flags: Interaction['flags'] }) {
  if (!flags || flags.length === 0) return null;
  return (
    <ul className="convo__flags">
      {flags.map((flag, index) => (
        <li key={index}>
          ⚑ {flag.note} <span className="desk__muted">({flag.kind}, {time(flag.at)})</span>
        </li>
      ))}
    </ul>
  );
}

/** The conversation's messages in and out, oldest first. */
export function MessageList({ messages, agentNames }: { messages: Message[]; agentNames: AgentNames }) {
  return (
    <ol className="convo__messages" aria-label="Messages">
      {messages.map((message) => (
        <li key={message.id} className={`msg msg--${message.direction} msg--${message.message.visibility ?? 'public'}`} data-direction={message.direction}>
          <div className="msg__meta">
            <strong className="msg__author">{authorOf(message, agentNames)}</strong> · {message.message.visibility ?? ''} {message.message.kind ?? ''} · {time(message.receivedAt)}
            {message.editedAt && ' · edited'}
            {message.deletedAt && ' · deleted by the customer'}
          </div>
          <div className="msg__text">{message.text}</div>
        </li>
      ))}
    </ol>
  );
}
