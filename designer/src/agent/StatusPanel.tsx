import { useState } from 'react';
import type { AgentStatusName } from './api.ts';
import type { DeskState } from './desk-state.ts';

export interface StatusPanelProps {
  desk: DeskState;
  busy: boolean;
  /** The reason goes with "not ready" only. */
  onStatus(status: AgentStatusName, reason: string): void;
}

const LABELS: Record<AgentStatusName, string> = { available: 'Available', 'not-ready': 'Not ready', offline: 'Offline' };

/** The agent's status, the reason for not being ready, and whether live updates arrive. */
export function StatusPanel({ desk, busy, onStatus }: StatusPanelProps) {
  const [reason, setReason] = useState('break');
  return (
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
            disabled={busy}
            onClick={() => onStatus(status, reason.trim())}
          >
            {LABELS[status]}
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
  );
}
