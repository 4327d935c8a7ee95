import './supervisor.css';
import { useEffect, useRef, useState } from 'react';
import type { Flag, Queue } from '../../../schemas/resources/index.ts';
import { errorText, listResources, setFlag } from '../api/client.ts';
import { FlagSwitch } from '../resources/FlagEditor.tsx';
import { formatAge } from './age.ts';
import { listAgents, listLiveInteractions, transferInteraction, type AgentRow, type InteractionRow } from './api.ts';
import { useReloading } from '../api/use-request.ts';
import { useAcdStream, useNow } from './live.ts';
import { QueueCard, Reassign } from './QueueCard.tsx';

interface Snapshot {
  agents: AgentRow[];
  interactions: InteractionRow[];
  queues: Queue[];
  flags: Flag[];
  loadedAt: number;
}

const byName = <T extends { id: string; name: string }>(a: T, b: T) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

async function loadSnapshot(signal: AbortSignal): Promise<Snapshot> {
  const [agents, interactions, queues, flags] = await Promise.all([
    listAgents(signal),
    listLiveInteractions(signal),
    listResources('queue', signal) as Promise<Queue[]>,
    listResources('flag', signal) as Promise<Flag[]>,
  ]);
  return { agents, interactions, queues: [...queues].sort(byName), flags: [...flags].sort(byName), loadedAt: Date.now() };
}


/**
 * The supervisor's view: agents and their states, each queue's waiting
 * interactions with their ages against the service-level target, the work
 * agents hold, emergency flags, and moving an interaction to another queue.
 * The ACD's event stream brings changes in; the ages tick on a display timer.
 */
export function Supervisor() {
  // The snapshot stays on screen while it reloads; a failed reload keeps the last one and says why.
  const { data, error, loading, reload } = useReloading(loadSnapshot);
  const now = useNow(1000);
  const live = useAcdStream(reload);
  const [actionError, setActionError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<string>();

  // Back on the tab: catch up once (events for queues nobody is subscribed to arrive on no agent's stream).
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reloadRef.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  const act = async (key: string, failed: string, action: () => Promise<string>) => {
    setBusy(key);
    setActionError(undefined);
    setNotice(undefined);
    try {
      setNotice(await action());
    } catch (failure) {
      setActionError(`${failed}: ${errorText(failure)}`);
    } finally {
      setBusy(undefined);
      reload();
    }
  };

  const toggleFlag = (flag: Flag, active: boolean) =>
    act(`flag:${flag.id}`, `Could not turn "${flag.name}" ${active ? 'on' : 'off'}`, async () => {
      await setFlag(flag.id, active);
      return `Emergency flag "${flag.name}" turned ${active ? 'on' : 'off'}.`;
    });

  const move = (interaction: InteractionRow, queue: string) =>
    act(`move:${interaction.id}`, `Could not move ${interaction.id} to ${queue}`, async () => {
      const moved = await transferInteraction(interaction.id, queue);
      return `Interaction ${interaction.id} moved to ${queueName(queue)} (${moved.state}).`;
    });

  const queues = data?.queues ?? [];
  const queueName = (id: string | undefined) => (id === undefined ? '—' : (queues.find((queue) => queue.id === id)?.name ?? id));
  const agentName = (id: string | undefined) => (id === undefined ? '—' : (data?.agents.find((agent) => agent.resource.id === id)?.resource.name ?? id));
  const waiting = (data?.interactions ?? []).filter((interaction) => interaction.state === 'queued');
  const held = (data?.interactions ?? []).filter((interaction) => interaction.state !== 'queued');
  const unknownQueues = [...new Set(waiting.map((interaction) => interaction.queue ?? ''))].filter((id) => !queues.some((queue) => queue.id === id));

  return (
    <div className="supervisor">
      <div className="supervisor__bar">
        <h1 className="supervisor__title">Supervisor</h1>
        <span className={`supervisor__live${live ? ' is-live' : ''}`} data-live={live}>
          {live ? 'Live' : 'Reconnecting…'}
        </span>
        <span className="supervisor__stamp">{data ? `Updated ${new Date(data.loadedAt).toLocaleTimeString()}` : ''}</span>
        <button type="button" className="button button--small" onClick={reload} disabled={loading}>
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>

      {error && (
        <p className="supervisor__error" role="alert">
          Could not load the supervisor view: {error}
          {data && ' (showing what was loaded before)'}
        </p>
      )}
      {actionError && (
        <p className="supervisor__error" role="alert" data-kind="action">
          {actionError}
        </p>
      )}
      {notice && (
        <p className="supervisor__notice" role="status">
          {notice}
        </p>
      )}
      {!data && !error && <p className="supervisor__empty">Loading…</p>}

      {data && (
        <>
          <section className="supervisor__section" aria-label="Agents">
            <h2>Agents</h2>
            <table className="supervisor__table supervisor__agents">
              <thead>
                <tr>
                  <th>Agent</th>
                  <th>Status</th>
                  <th>Idle since</th>
                  <th>Load</th>
                  <th>Offers</th>
                  <th>Assigned</th>
                  <th>Personal queue</th>
                </tr>
              </thead>
              <tbody>
                {data.agents.length === 0 && (
                  <tr>
                    <td colSpan={7} className="supervisor__empty">
                      No agents defined.
                    </td>
                  </tr>
                )}
                {data.agents.map((agent) => (
                  <tr key={agent.resource.id} data-agent={agent.resource.id}>
                    <td>
                      <strong>{agent.resource.name}</strong> <code>{agent.resource.id}</code>
                    </td>
                    <td data-status={agent.status}>
                      <span className={`status status--${agent.status}`}>{agent.status}</span>
                      {agent.reason && <span className="status__reason"> · {agent.reason}</span>}
                    </td>
                    <td>{agent.status !== 'offline' && agent.idleSince ? `${new Date(agent.idleSince).toLocaleTimeString()} (${formatAge(agent.idleSince, now)})` : '—'}</td>
                    <td>
                      {Object.keys(agent.load).length === 0
                        ? '—'
                        : Object.entries(agent.load)
                            .map(([slot, count]) => `${slot}: ${count}`)
                            .join(', ')}
                    </td>
                    <td data-count="offers">{agent.offers.length}</td>
                    <td data-count="assigned">{agent.assigned.length}</td>
                    <td data-count="personal">{agent.personalQueue.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="supervisor__section" aria-label="Emergency flags">
            <h2>Emergency flags</h2>
            {data.flags.length === 0 && <p className="supervisor__empty">No emergency flags defined.</p>}
            <ul className="supervisor__flags">
              {data.flags.map((flag) => (
                <li key={flag.id} className={flag.active ? 'is-on' : ''} data-flag-row={flag.id}>
                  <FlagSwitch flag={flag} busy={busy === `flag:${flag.id}`} onToggle={(active) => void toggleFlag(flag, active)} />
                  <div>
                    <strong>{flag.name}</strong> <code>{flag.id}</code>
                    {flag.message && <div className="supervisor__muted">{flag.message}</div>}
                  </div>
                </li>
              ))}
            </ul>
          </section>

          <section className="supervisor__section" aria-label="Queues">
            <h2>Queues</h2>
            <div className="supervisor__queues">
              {[...queues.map((queue) => ({ id: queue.id, queue })), ...unknownQueues.map((id) => ({ id, queue: undefined }))].map(({ id, queue }) => (
                <QueueCard
                  key={id || '(none)'}
                  id={id}
                  queue={queue}
                  waiting={waiting.filter((interaction) => (interaction.queue ?? '') === id)}
                  queues={queues}
                  now={now}
                  busy={busy}
                  onMove={(interaction, to) => void move(interaction, to)}
                />
              ))}
            </div>
          </section>

          <section className="supervisor__section" aria-label="With agents">
            <h2>With agents</h2>
            {held.length === 0 ? (
              <p className="supervisor__empty">No interaction is offered to or assigned to an agent.</p>
            ) : (
              <table className="supervisor__table">
                <thead>
                  <tr>
                    <th>Interaction</th>
                    <th>State</th>
                    <th>Agent</th>
                    <th>Queue</th>
                    <th>Channel</th>
                    <th>Age</th>
                    <th>Move to</th>
                  </tr>
                </thead>
                <tbody>
                  {held.map((interaction) => (
                    <tr key={interaction.id} data-interaction={interaction.id}>
                      <td>
                        <code>{interaction.id}</code>
                      </td>
                      <td>{interaction.state}</td>
                      <td>{agentName(interaction.agentId)}</td>
                      <td>{queueName(interaction.queue)}</td>
                      <td>{interaction.channel}</td>
                      <td className="age">{formatAge(interaction.createdAt, now)}</td>
                      <td>
                        <Reassign interaction={interaction} queues={queues} busy={busy === `move:${interaction.id}`} onMove={(to) => void move(interaction, to)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
