import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '../auth/use-auth.ts';
import { AgentDesk } from './AgentDesk.tsx';
import { errorText } from '../api/client.ts';
import { listAgents, type AgentRow } from './api.ts';
import type { AgentNames } from './format.ts';
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
  const agentNames: AgentNames = useMemo(() => new Map((agents ?? []).map((row) => [row.resource.id, row.resource.name])), [agents]);

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
      {agentId ? <AgentDesk key={agentId} agentId={agentId} agentNames={agentNames} /> : <p className="desk__empty">Choose who you are to start taking work.</p>}
    </div>
  );
}
