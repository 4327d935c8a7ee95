import { useCallback, useEffect, useRef } from 'react';
import type { Resource } from '../../schemas/resources/index.ts';
import { getFlow, listFlows, listResources, type FlowDetail, type FlowSummary } from './api/client.ts';
import { useReloading, useRequest, type Reloading, type RequestState } from './api/use-request.ts';
import { SignIn } from './auth/SignIn.tsx';
import { useAuth, type Auth } from './auth/use-auth.ts';
import { FlowEditor } from './editor/FlowEditor.tsx';
import { FlowsSidebar } from './flows/FlowsSidebar.tsx';
import { Desk } from './agent/Desk.tsx';
import { ResourcesPage } from './resources/ResourcesPage.tsx';
import { Supervisor } from './supervisor/Supervisor.tsx';
import { flowHash, LeaveDialog, useNavigation } from './navigation.tsx';

/** A list as the sidebar shows it: the last answer while it reloads, the error once a reload failed. */
function asRequestState<T>({ data, error }: Reloading<T>): RequestState<T> {
  if (error !== undefined) return { status: 'failed', error };
  return data === undefined ? { status: 'loading' } : { status: 'ready', data };
}

const loadFlows = (signal: AbortSignal) => listFlows(signal);
const loadResources = (signal: AbortSignal) => listResources(undefined, signal);
const loadFlow = (id: string, signal: AbortSignal) => getFlow(id, signal);

/**
 * The designer, behind a sign-in when the server asks for one: nothing is
 * asked until a request answers 401, so a server without auth never shows it.
 */
export function App() {
  const auth = useAuth();
  return (
    <>
      {auth.signInRequired && <SignIn />}
      {/* Kept while signing in, so a lapsed session signed back into keeps unsaved work; a new user starts afresh. */}
      <Workspace key={auth.epoch} auth={auth} />
    </>
  );
}

function Workspace({ auth }: { auth: Auth }) {
  const { route, navigate, pending, stay, leave } = useNavigation();
  const openFlow = useCallback((id: string | null) => navigate(flowHash(id)), [navigate]);
  const flowList = useReloading<FlowSummary[]>(loadFlows);
  const flows = asRequestState(flowList);
  const reloadFlows = flowList.reload;
  const resourceList = useReloading<Resource[]>(loadResources);
  const reloadResources = resourceList.reload;
  // A failed reload keeps the resources loaded before: the editor still checks references against them.
  const resources = resourceList.data;
  const selectedId = route.page === 'flows' ? route.flowId : null;
  const flow = useRequest(selectedId, loadFlow);

  // Back from the resource editors, references are checked against what is there now.
  useEffect(() => {
    if (route.page === 'flows') reloadResources();
  }, [route.page, reloadResources]);

  // Back from signing in again: ask for the lists that were refused meanwhile.
  const waitedForSignIn = useRef(false);
  useEffect(() => {
    if (auth.signInRequired) waitedForSignIn.current = true;
    else if (waitedForSignIn.current) {
      waitedForSignIn.current = false;
      reloadFlows();
      reloadResources();
    }
  }, [auth.signInRequired, reloadFlows, reloadResources]);

  const onStored = useCallback((_flow: FlowDetail) => reloadFlows(), [reloadFlows]);
  const onChanged = useCallback(
    (deletedId?: string) => {
      reloadFlows();
      // The open flow is gone, unsaved edits and all: nothing to ask.
      if (deletedId !== undefined && deletedId === selectedId) navigate(flowHash(null), true);
    },
    [reloadFlows, selectedId, navigate],
  );

  // Pages the server would refuse are not offered (with sign-in off there is no user: everything is open).
  const mayUse = (roles: readonly string[]): boolean => !auth.user || auth.user.roles.some((role) => roles.includes(role));

  return (
    <div className={`app app--${route.page}`} hidden={auth.signInRequired}>
      <header className="app__header">
        <a className="app__brand" href="#/">
          <svg className="app__logo" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" />
            <path d="M7 10h7l4 6 4-6h3M7 22h7l4-6" />
          </svg>
          Switchyard
        </a>
        <nav className="app__nav" aria-label="Pages">
          <a href={flowHash(selectedId)} className={route.page === 'flows' ? 'is-current' : ''}>
            Flows
          </a>
          <a href="#/resources" className={route.page === 'resources' ? 'is-current' : ''}>
            Resources
          </a>
          {mayUse(['supervisor', 'admin']) && (
            <a href="#/supervisor" className={route.page === 'supervisor' ? 'is-current' : ''}>
              Supervisor
            </a>
          )}
          {mayUse(['agent', 'supervisor', 'admin']) && (
            <a href="#/desk" className={route.page === 'desk' ? 'is-current' : ''}>
              Desk
            </a>
          )}
        </nav>
        {auth.user && (
          <div className="app__user">
            <span className="app__username" title={auth.user.roles.length > 0 ? `Roles: ${auth.user.roles.join(', ')}` : undefined}>
              {auth.user.username}
            </span>
            <button type="button" className="button button--small" onClick={() => void auth.signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>

      {route.page === 'desk' ? (
        <main className="page">
          <Desk />
        </main>
      ) : route.page === 'supervisor' ? (
        <main className="page">
          <Supervisor />
        </main>
      ) : route.page === 'resources' ? (
        <main className="page">
          <ResourcesPage />
        </main>
      ) : (
        <>
          <FlowsSidebar flows={flows} selectedId={selectedId} resources={resources} onOpen={openFlow} onChanged={onChanged} />
          {flow.status === 'ready' && flow.data.id === selectedId ? (
            <FlowEditor key={flow.data.id} flow={flow.data} resources={resources} onStored={onStored} />
          ) : (
            <main className="canvas">
              {flow.status === 'idle' && <p className="canvas__note">Select a flow, or create one.</p>}
              {flow.status === 'loading' && <p className="canvas__note">Loading flow…</p>}
              {flow.status === 'failed' && (
                <p className="canvas__note canvas__note--error" role="alert">
                  {flow.error}
                </p>
              )}
            </main>
          )}
        </>
      )}
      {pending !== null && <LeaveDialog onStay={stay} onLeave={leave} />}
    </div>
  );
}
