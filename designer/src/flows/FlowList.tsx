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
}

export function FlowList({ flows, selectedId, onSelect }: FlowListProps) {
  if (flows.status === 'loading' || flows.status === 'idle') return <p className="sidebar__note">Loading flows…</p>;
  if (flows.status === 'failed') return <p className="sidebar__note sidebar__note--error" role="alert">{flows.error}</p>;
  if (flows.data.length === 0) return <p className="sidebar__note">No flows yet. Add one with the API or <code>switchyard serve --seed</code>.</p>;
  return (
    <ul className="flow-list">
      {flows.data.map((flow) => (
        <li key={flow.id}>
          <button
            type="button"
            className={`flow-list__item${flow.id === selectedId ? ' is-selected' : ''}`}
            aria-current={flow.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(flow.id)}
          >
            <span className="flow-list__row">
              <span className="flow-list__name">{flow.name}</span>
              <StatusBadge flow={flow} />
            </span>
            <span className="flow-list__meta">
              <span className="flow-list__id">{flow.id}</span>
              <span title={`revision ${flow.revision}`}>{formatUpdated(flow.updatedAt)}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
