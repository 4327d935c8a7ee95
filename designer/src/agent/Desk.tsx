import { useCallback, useEffect, useState } from 'react';
import type { Disposition, Queue, StandardResponse } from '../../../schemas/resources/index.ts';
import { useAuth } from '../auth/use-auth.ts';
import {
  acceptOffer,
  denyOffer,
  chronological,
  errorText,
  getInteraction,
  listAgents,
  listDispositions,
  listQueues,
  listResponses,
  pull,
  setStatus,
  type AgentRow,
  type AgentStatusName,
  type InteractionDetail,
} from './api.ts';
import { Conversation } from './Conversation.tsx';
import { remainingMs, useAgentStream, type LiveOffer } from './desk-state.ts';
import './desk.css';

const AGENT_KEY = 'switchyard:desk-agent';

function rememberedAgent(): string {
  try {
    return localStorage.getItem(AGENT_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The agents' workspace (`#/desk`): status, live offers, the personal queue and
 * the conversations assigned, each in a tab. With sign-in on, an agent works
 * as the agent their user names; otherwise they pick themselves from the list.
 */
export function Desk() {
  const auth = useAuth();
  const fixed = auth.user?.agentId ?? null;
  const [agents, setAgents] = useState<AgentRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [picked, setPicked] = useState(rememberedAgent);

  useEffect(() => {
    const controller = new AbortController();
    listAgents(controller.signal).then(setAgents, (error: unknown) => {
      if (!controller.signal.aborted) setLoadError(errorText(error));
    });
    return () => controller.abort();
  }, []);

  const choose = (id: string) => {
    setPicked(id);
    try {
      if (id) localStorage.setItem(AGENT_KEY, id);
      else localStorage.removeItem(AGENT_KEY);
    } catch {
      // Remembering is a convenience only.
    }
  };

  const known = agents?.some((agent) => agent.resource.id === picked) ? picked : '';
  const agentId = fixed ?? (known || null);
  const agent = agents?.find((row) => row.resource.id === agentId);

  return (
    <div className="desk">
      <div className="desk__bar">
        <h1 className="desk__title">Desk</h1>
        {fixed ? (
          <span className="desk__agent" data-agent={fixed}>
            {agent?.resource.name ?? fixed}
          </span>
        ) : (
          <label className="desk__picker">
            <span>Agent</span>
            <select className="field__input" aria-label="Agent" value={known} onChange={(event) => choose(event.target.value)} disabled={!agents}>
              <option value="">{agents ? 'Choose yourself…' : 'Loading agents…'}</option>
              {agents?.map((row) => (
                <option key={row.resource.id} value={row.resource.id}>
                  {row.resource.name} ({row.resource.id})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {loadError && (
        <p className="banner banner--error" role="alert">
          Cannot list the agents: {loadError}
        </p>
      )}
      {agentId ? <AgentDesk key={agentId} agentId={agentId} /> : <p className="desk__empty">Choose who you are to start taking work.</p>}
    </div>
  );
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Interactions by id, fetched once each, for offers, the personal queue and tab labels. */
function usePreviews(ids: string[]): [Map<string, InteractionDetail>, (id: string) => void] {
  const [previews, setPreviews] = useState(() => new Map<string, InteractionDetail>());
  const [stale, setStale] = useState(0);
  const key = ids.join(' ');
  useEffect(() => {
    for (const id of ids) {
      if (previews.has(id)) continue;
      getInteraction(id).then(
        (detail) => setPreviews((old) => new Map(old).set(id, detail)),
        () => {},
      );
    }
    // `ids` is represented by `key`.
  }, [key, stale]);
  const forget = useCallback((id: string) => {
    setPreviews((old) => {
      const next = new Map(old);
      next.delete(id);
      return next;
    });
    setStale((n) => n + 1);
  }, []);
  return [previews, forget];
}

function firstInbound(detail: InteractionDetail | undefined) {
  if (!detail) return undefined;
  return chronological(detail.messages).find((message) => message.direction === 'in');
}

function who(detail: InteractionDetail | undefined): string {
  const author = firstInbound(detail)?.message.author;
  return author?.name ?? (author?.handle ? `@${author.handle}` : (detail?.interaction.contactId ?? '…'));
}

function AgentDesk({ agentId }: { agentId: string }) {
  const [desk, dispatch] = useAgentStream(agentId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [reason, setReason] = useState('break');
  const [responses, setResponses] = useState<StandardResponse[]>([]);
  const [dispositions, setDispositions] = useState<Disposition[]>([]);
  const [queues, setQueues] = useState<Queue[]>([]);
  const now = useNow(desk.offers.length > 0);
  const [previews, forget] = usePreviews([...desk.offers.map((offer) => offer.interactionId), ...desk.personalQueue, ...desk.assigned]);

  useEffect(() => {
    const controller = new AbortController();
    const fail = (what: string) => (cause: unknown) => {
      if (!controller.signal.aborted) setError(`Cannot load ${what}: ${errorText(cause)}`);
    };
    listResponses(controller.signal).then(setResponses, fail('the standard responses'));
    listDispositions(controller.signal).then(setDispositions, fail('the disposition codes'));
    listQueues(controller.signal).then(setQueues, fail('the queues'));
    return () => controller.abort();
  }, []);

  // A conversation just assigned opens in front; a closed one gives way to the next.
  const [seen, setSeen] = useState<string[]>([]);
  useEffect(() => {
    const fresh = desk.assigned.find((id) => !seen.includes(id));
    if (fresh) setActive(fresh);
    else if (active && !desk.assigned.includes(active)) setActive(desk.assigned[0] ?? null);
    else if (!active && desk.assigned.length > 0) setActive(desk.assigned[0]!);
    setSeen(desk.assigned);
  }, [desk.assigned]);

  const run = async (label: string, action: () => Promise<unknown>) => {
    setBusy(label);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(null);
    }
  };

  const changeStatus = (status: AgentStatusName) =>
    run(`status:${status}`, async () => {
      const { agent } = await setStatus(agentId, status, reason.trim());
      dispatch({ type: 'status', status: agent.status, ...(agent.reason !== undefined && { reason: agent.reason }) });
    });

  const accept = (offer: LiveOffer) =>
    run(`accept:${offer.id}`, async () => {
      try {
        await acceptOffer(offer.id);
      } finally {
        dispatch({ type: 'offer-ended', offerId: offer.id });
      }
      dispatch({ type: 'assigned', interactionId: offer.interactionId });
      setActive(offer.interactionId);
    });

  const deny = (offer: LiveOffer) =>
    run(`deny:${offer.id}`, async () => {
      try {
        await denyOffer(offer.id);
      } finally {
        dispatch({ type: 'offer-ended', offerId: offer.id });
      }
    });

  const pullOne = (interactionId: string) =>
    run(`pull:${interactionId}`, async () => {
      await pull(agentId, interactionId);
      dispatch({ type: 'assigned', interactionId });
      setActive(interactionId);
    });

  /** Closed or transferred: the conversation leaves the desk (the server sends no event for it). */
  const onDone = useCallback(
    (interactionId: string) => {
      dispatch({ type: 'released', interactionId });
      forget(interactionId);
    },
    [dispatch, forget],
  );

  return (
    <div className="desk__body">
      <aside className="desk__side">
        <section className="desk__panel" aria-label="Status">
          <h2 className="desk__heading">
            Status
            <span className={`desk__live desk__live--${desk.connection}`} title="Live updates from the server">
              {desk.connection === 'live' ? 'live' : desk.connection === 'connecting' ? 'connecting…' : 'reconnecting…'}
            </span>
          </h2>
          <div className="desk__status" role="group" aria-label="Status">
            {(['available', 'not-ready', 'offline'] as const).map((status) => (
              <button
                key={status}
                type="button"
                className={`desk__status-button desk__status-button--${status}${desk.status === status ? ' is-current' : ''}`}
                aria-pressed={desk.status === status}
                disabled={busy !== null}
                onClick={() => void changeStatus(status)}
              >
                {status === 'not-ready' ? 'Not ready' : status === 'available' ? 'Available' : 'Offline'}
              </button>
            ))}
          </div>
          <label className="desk__reason">
            <span>Not-ready reason</span>
            <input className="field__input" list="desk-reasons" value={reason} maxLength={64} onChange={(event) => setReason(event.target.value)} />
            <datalist id="desk-reasons">
              <option value="break" />
              <option value="lunch" />
              <option value="meeting" />
              <option value="training" />
              <option value="coaching" />
            </datalist>
          </label>
          <p className="desk__status-line" data-status={desk.status}>
            Now <strong>{desk.status === 'not-ready' ? `not ready${desk.reason ? ` (${desk.reason})` : ''}` : desk.status}</strong>
          </p>
        </section>

        <section className="desk__panel" aria-label="Offers">
          <h2 className="desk__heading">
            Offers <span className="desk__count">{desk.offers.length}</span>
          </h2>
          {desk.offers.length === 0 && <p className="desk__muted">No offers right now.</p>}
          <ul className="desk__list">
            {desk.offers.map((offer) => {
              const detail = previews.get(offer.interactionId);
              const left = remainingMs(offer, now);
              const total = Math.max(1, offer.expiresAt - offer.offeredAt);
              return (
                <li key={offer.id} className="desk__offer" data-offer={offer.id} data-interaction={offer.interactionId}>
                  <div className="desk__offer-head">
                    <strong>{who(detail)}</strong>
                    <span className="desk__countdown" aria-label="Time left">
                      {Math.ceil(left / 1000)} s
                    </span>
                  </div>
                  <div className="desk__meter">
                    <div className="desk__meter-fill" style={{ width: `${(100 * left) / total}%` }} />
                  </div>
                  {detail && (
                    <p className="desk__preview">
                      <span className="desk__tag">{detail.interaction.channel}</span> <span className="desk__tag">{detail.interaction.queue}</span> {firstInbound(detail)?.text}
                    </p>
                  )}
                  <div className="desk__actions">
                    <button type="button" className="button button--small is-primary" disabled={busy !== null || left === 0} onClick={() => void accept(offer)}>
                      Accept
                    </button>
                    <button type="button" className="button button--small" disabled={busy !== null || left === 0} onClick={() => void deny(offer)}>
                      Deny
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="desk__panel" aria-label="Personal queue">
          <h2 className="desk__heading">
            Personal queue <span className="desk__count">{desk.personalQueue.length}</span>
          </h2>
          {desk.personalQueue.length === 0 && <p className="desk__muted">Nothing waiting for you.</p>}
          <ul className="desk__list">
            {desk.personalQueue.map((id) => {
              const detail = previews.get(id);
              return (
                <li key={id} className="desk__parked" data-interaction={id}>
                  <div>
                    <strong>{who(detail)}</strong>
                    {detail && <p className="desk__preview">{firstInbound(detail)?.text}</p>}
                  </div>
                  <button type="button" className="button button--small" disabled={busy !== null || desk.status !== 'available'} onClick={() => void pullOne(id)} title={desk.status !== 'available' ? 'Go available to pull' : undefined}>
                    Pull
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      </aside>

      <main className="desk__work">
        {error && (
          <p className="banner banner--error desk__error" role="alert">
            {error}
            <button type="button" className="desk__dismiss" aria-label="Dismiss" onClick={() => setError(null)}>
              ×
            </button>
          </p>
        )}
        <div className="desk__tabs" role="tablist" aria-label="Conversations">
          {desk.assigned.map((id) => {
            const detail = previews.get(id);
            return (
              <button key={id} type="button" role="tab" aria-selected={active === id} className={`desk__tab${active === id ? ' is-current' : ''}`} data-interaction={id} onClick={() => setActive(id)}>
                <span className="desk__tag">{detail?.interaction.channel ?? '…'}</span>
                {who(detail)}
              </button>
            );
          })}
        </div>
        {active && desk.assigned.includes(active) ? (
          <Conversation key={active} interactionId={active} agentId={agentId} responses={responses} dispositions={dispositions} queues={queues} onDone={onDone} />
        ) : (
          <p className="desk__empty">{desk.assigned.length === 0 ? (desk.status === 'available' ? 'Waiting for work…' : 'Go available to receive offers.') : 'Pick a conversation.'}</p>
        )}
      </main>
    </div>
  );
}
