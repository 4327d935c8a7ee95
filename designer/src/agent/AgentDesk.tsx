import { useCallback, useEffect, useState } from 'react';
import type { Disposition, Queue, StandardResponse } from '../../../schemas/resources/index.ts';
import { errorText } from '../api/client.ts';
import { acceptOffer, denyOffer, listDispositions, listQueues, listResponses, pull, setStatus, type AgentStatusName } from './api.ts';
import { Conversation } from './Conversation.tsx';
import { useAgentStream, type LiveOffer } from './desk-state.ts';
import { who, type AgentNames } from './format.ts';
import { OfferList } from './OfferList.tsx';
import { PersonalQueue } from './PersonalQueue.tsx';
import { usePreviews } from './previews.ts';
import { StatusPanel } from './StatusPanel.tsx';

export interface AgentDeskProps {
  agentId: string;
  agentNames: AgentNames;
}

/** The desk of one agent: status, offers and personal queue beside, the assigned conversations in tabs. */
export function AgentDesk({ agentId, agentNames }: AgentDeskProps) {
  const [desk, dispatch] = useAgentStream(agentId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [responses, setResponses] = useState<StandardResponse[]>([]);
  const [dispositions, setDispositions] = useState<Disposition[]>([]);
  const [queues, setQueues] = useState<Queue[]>([]);
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

  const changeStatus = (status: AgentStatusName, reason: string) =>
    run(`status:${status}`, async () => {
      const { agent } = await setStatus(agentId, status, reason);
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
        <StatusPanel desk={desk} busy={busy !== null} onStatus={(status, reason) => void changeStatus(status, reason)} />
        <OfferList offers={desk.offers} previews={previews} busy={busy !== null} onAccept={(offer) => void accept(offer)} onDeny={(offer) => void deny(offer)} />
        <PersonalQueue ids={desk.personalQueue} previews={previews} busy={busy !== null} available={desk.status === 'available'} onPull={(id) => void pullOne(id)} />
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
          <Conversation
            key={active}
            interactionId={active}
            agentId={agentId}
            agentNames={agentNames}
            responses={responses}
            dispositions={dispositions}
            queues={queues}
            onDone={onDone}
          />
        ) : (
          <p className="desk__empty">{desk.assigned.length === 0 ? (desk.status === 'available' ? 'Waiting for work…' : 'Go available to receive offers.') : 'Pick a conversation.'}</p>
        )}
      </main>
    </div>
  );
}
