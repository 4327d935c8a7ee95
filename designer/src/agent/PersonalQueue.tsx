import type { InteractionDetail } from './api.ts';
import { firstInbound, who } from './format.ts';

export interface PersonalQueueProps {
  ids: string[];
  previews: Map<string, InteractionDetail>;
  busy: boolean;
  /** Pulling takes the agent's capacity: only while available. */
  available: boolean;
  onPull(interactionId: string): void;
}

/** Interactions parked for this agent (denied or timed out offers), to pull when ready. */
export function PersonalQueue({ ids, previews, busy, available, onPull }: PersonalQueueProps) {
  return (
    <section className="desk__panel" aria-label="Personal queue">
      <h2 className="desk__heading">
        Personal queue <span className="desk__count">{ids.length}</span>
      </h2>
      {ids.length === 0 && <p className="desk__muted">Nothing waiting for you.</p>}
      <ul className="desk__list">
        {ids.map((id) => {
          const detail = previews.get(id);
          return (
            <li key={id} className="desk__parked" data-interaction={id}>
              <div>
                <strong>{who(detail)}</strong>
                {detail && <p className="desk__preview">{firstInbound(detail)?.text}</p>}
              </div>
              <button type="button" className="button button--small" disabled={busy || !available} onClick={() => onPull(id)} title={!available ? 'Go available to pull' : undefined}>
                Pull
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
