import { useEffect, useState } from 'react';
import type { InteractionDetail } from './api.ts';
import { remainingMs, type LiveOffer } from './desk-state.ts';
import { firstInbound, who } from './format.ts';

export interface OfferListProps {
  offers: LiveOffer[];
  previews: Map<string, InteractionDetail>;
  busy: boolean;
  onAccept(offer: LiveOffer): void;
  onDeny(offer: LiveOffer): void;
}

/** The clock, ticking while there is a countdown to show. */
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

/** Live offers, each with who wrote, what about, and the time left to accept. */
export function OfferList({ offers, previews, busy, onAccept, onDeny }: OfferListProps) {
  const now = useNow(offers.length > 0);
  return (
    <section className="desk__panel" aria-label="Offers">
      <h2 className="desk__heading">
        Offers <span className="desk__count">{offers.length}</span>
      </h2>
      {offers.length === 0 && <p className="desk__muted">No offers right now.</p>}
      <ul className="desk__list">
        {offers.map((offer) => {
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
                <button type="button" className="button button--small is-primary" disabled={busy || left === 0} onClick={() => onAccept(offer)}>
                  Accept
                </button>
                <button type="button" className="button button--small" disabled={busy || left === 0} onClick={() => onDeny(offer)}>
                  Deny
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
