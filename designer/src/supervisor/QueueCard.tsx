import { useState } from 'react';
import type { Queue } from '../../../schemas/resources/index.ts';
import { ageSeconds, describeTarget, formatAge } from './age.ts';
import type { InteractionRow } from './api.ts';

interface QueueCardProps {
  /** The queue's id; '' for interactions waiting in no queue. */
  id: string;
  /** Undefined for a queue the interactions name but no resource defines. */
  queue: Queue | undefined;
  /** The interactions waiting in this queue. */
  waiting: InteractionRow[];
  /** Every queue, to move an interaction to. */
  queues: Queue[];
  now: number;
  /** The action under way (`move:<interaction id>`), if any. */
  busy: string | undefined;
  onMove(interaction: InteractionRow, queue: string): void;
}

/** One queue on the supervisor's view: what waits there, oldest first, with each age against the service-level target. */
export function QueueCard({ id, queue, waiting, queues, now, busy, onMove }: QueueCardProps) {
  const items = [...waiting].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const target = queue?.serviceLevel?.seconds;
  const over = target === undefined ? 0 : items.filter((interaction) => ageSeconds(interaction.createdAt, now) > target).length;
  return (
    <article className="queue-card" data-queue={id}>
      <header className="queue-card__header">
        <div>
          <strong>{queue?.name ?? (id || 'No queue')}</strong> <code>{id}</code>
        </div>
        <span className="queue-card__count" data-waiting={items.length}>
          {items.length} waiting
        </span>
      </header>
      <div className="queue-card__target">
        Target: {describeTarget(queue?.serviceLevel)}
        {over > 0 && <span className="queue-card__over"> · {over} over target</span>}
      </div>
      {items.length > 0 && (
        <table className="supervisor__table">
          <thead>
            <tr>
              <th>Waiting</th>
              <th>Priority</th>
              <th>Channel</th>
              <th>Interaction</th>
              <th>Move to</th>
            </tr>
          </thead>
          <tbody>
            {items.map((interaction) => (
              <tr key={interaction.id} data-interaction={interaction.id}>
                <td className={target !== undefined && ageSeconds(interaction.createdAt, now) > target ? 'age is-over' : 'age'} data-age>
                  {formatAge(interaction.createdAt, now)}
                </td>
                <td>{interaction.priority}</td>
                <td>
                  {interaction.channel} <span className="supervisor__muted">{interaction.visibility}</span>
                </td>
                <td>
                  <code title={interaction.id}>{interaction.id}</code>
                </td>
                <td>
                  <Reassign interaction={interaction} queues={queues} busy={busy === `move:${interaction.id}`} onMove={(to) => onMove(interaction, to)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

/** A queue picker and a button: moves the interaction, which is then matched afresh in that queue. */
export function Reassign({ interaction, queues, busy, onMove }: { interaction: InteractionRow; queues: Queue[]; busy: boolean; onMove(queue: string): void }) {
  const others = queues.filter((queue) => queue.id !== interaction.queue);
  const [to, setTo] = useState('');
  return (
    <form
      className="reassign"
      onSubmit={(event) => {
        event.preventDefault();
        if (to) onMove(to);
      }}
    >
      <select aria-label={`Move ${interaction.id} to queue`} value={to} onChange={(event) => setTo(event.target.value)} disabled={busy}>
        <option value="">Queue…</option>
        {others.map((queue) => (
          <option key={queue.id} value={queue.id}>
            {queue.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small" disabled={busy || !to}>
        {busy ? 'Moving…' : 'Move'}
      </button>
    </form>
  );
}
