import type { FlowSummary } from '../api/client.ts';
import type { RequestState } from '../api/use-request.ts';

const updatedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatUpdated(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : updatedFormat.format(date);
}

export function StatusBadge({ flow }: { flow: Pick<FlowSummary, 'activeVersion'> }) {
  return flow.activeVersion !== null ? (
    <span className="badge badge--published">published v{flow.activeVersion}</span>
  ) : (
    <span className="badge badge--draft">draft</span>
  );
}

interface FlowListProps {
  flows: RequestState<FlowSummary[]>;
  selectedId: string | null;
  onSelect(id: string): void;
  onDuplicate?(flow: FlowSummary): void;
  onDelete?(flow: FlowSummary): void;
}

export function FlowList({ flows, selectedId, onSelect, onDuplicate, onDelete }: FlowListProps) {
  if (flows.status === 'loading' || flows.status === 'idle') return <p className="sidebar__note">Loading flows…</p>;
  if (flows.status === 'failed') return <p className="sidebar__note sidebar__note--error" role="alert">{flows.error}</p>;
  if (flows.data.length === 0) return <p className="sidebar__note">No flows yet. Create one, or import a flow file.</p>;
  return (
    <ul className="flow-list">
      {flows.data.map((flow) => (
        <li key={flow.id} className="flow-list__entry" data-flow-id={flow.id}>
          <button
            type="button"
            className={`list-button flow-list__item${flow.id === selectedId ? ' is-selected' : ''}`}
            aria-current={flow.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(flow.id)}
          >
            <span className="flow-list__row">
              <span className="flow-list__name">{flow.name}</span>
              <StatusBadge flow={flow} />
            </span>
            <span className="flow-list__meta">
              <span className="flow-list__id">{flow.id}</span>
              <span title={`revision ${flow.revision}`}>
                {formatUpdated(flow.updatedAt)}
                {flow.updatedBy ? ` · ${flow.updatedBy}` : ''}
              </span>
            </span>
          </button>
          {(onDuplicate || onDelete) && (
            <span className="flow-list__actions">
              {onDuplicate && (
                <button type="button" className="icon-button" title={`Duplicate ${flow.name}`} aria-label={`Duplicate ${flow.name}`} onClick={() => onDuplicate(flow)}>
                  {/* Drawn, not a character: no font on every machine has a copy sign. */}
                  <svg className="icon-button__icon" viewBox="0 0 16 16" aria-hidden="true">
                    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
                    <path d="M10.5 3.5v-0.5a1.5 1.5 0 0 0-1.5-1.5h-5a1.5 1.5 0 0 0-1.5 1.5v5a1.5 1.5 0 0 0 1.5 1.5h0.5" />
                  </svg>
                </button>
              )}
              {onDelete && (
                <button type="button" className="icon-button icon-button--danger" title={`Delete ${flow.name}`} aria-label={`Delete ${flow.name}`} onClick={() => onDelete(flow)}>
                  <svg className="icon-button__icon" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M2.5 4.5h11M6.5 4.5v-2h3v2M4 4.5l0.75 9h6.5l0.75-9M6.75 7v4.5M9.25 7v4.5" />
                  </svg>
                </button>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
