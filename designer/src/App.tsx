import { useEffect, useState } from 'react';
import { getFlow, listFlows } from './api/client.ts';
import { useRequest } from './api/use-request.ts';
import { FlowCanvas } from './canvas/FlowCanvas.tsx';
import { FlowList, StatusBadge } from './flows/FlowList.tsx';
import { Palette } from './palette/Palette.tsx';

const HASH_PREFIX = '#/flows/';

/** The selected flow lives in the URL hash, so a reload or a shared link opens the same flow. */
function flowIdFromHash(): string | null {
  return location.hash.startsWith(HASH_PREFIX) ? decodeURIComponent(location.hash.slice(HASH_PREFIX.length)) || null : null;
}

function useSelectedFlowId(): [string | null, (id: string) => void] {
  const [id, setId] = useState(flowIdFromHash);
  useEffect(() => {
    const onHashChange = () => setId(flowIdFromHash());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return [id, (next) => (location.hash = HASH_PREFIX + encodeURIComponent(next))];
}

const loadFlows = (_key: string, signal: AbortSignal) => listFlows(signal);

export function App() {
  const [selectedId, select] = useSelectedFlowId();
  const flows = useRequest('flows', loadFlows);
  const flow = useRequest(selectedId, getFlow);

  return (
    <div className="app">
      <header className="app__header">
        <span className="app__brand">
          <svg className="app__logo" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" />
            <path d="M7 10h7l4 6 4-6h3M7 22h7l4-6" />
          </svg>
          Switchyard
        </span>
        {flow.status === 'ready' && (
          <span className="app__flow-title">
            <span className="app__flow-name">{flow.data.name}</span>
            <StatusBadge flow={flow.data} />
            <span className="app__flow-revision">revision {flow.data.revision}</span>
          </span>
        )}
      </header>

      <aside className="sidebar sidebar--flows">
        <h2 className="sidebar__title">Flows</h2>
        <FlowList flows={flows} selectedId={selectedId} onSelect={select} />
      </aside>

      <main className="canvas">
        {flow.status === 'idle' && <p className="canvas__note">Select a flow to see its routing.</p>}
        {flow.status === 'loading' && <p className="canvas__note">Loading flow…</p>}
        {flow.status === 'failed' && (
          <p className="canvas__note canvas__note--error" role="alert">
            {flow.error}
          </p>
        )}
        {flow.status === 'ready' && <FlowCanvas key={`${flow.data.id}@${flow.data.revision}`} flow={flow.data.draft} />}
      </main>

      <aside className="sidebar sidebar--palette">
        <h2 className="sidebar__title">Blocks</h2>
        <Palette />
      </aside>
    </div>
  );
}
