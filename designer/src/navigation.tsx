import { useCallback, useEffect, useRef, useState } from 'react';
import { Dialog } from './editor/Dialog.tsx';
import { hasUnsavedEdits, saveUnsavedEdits } from './editor/leave-guard.ts';

export type Route = { page: 'flows'; flowId: string | null } | { page: 'resources' } | { page: 'supervisor' } | { page: 'desk' };

export const FLOW_PREFIX = '#/flows/';

/** The page lives in the URL hash, so a reload or a shared link opens the same flow. */
export function routeFromHash(hash = location.hash): Route {
  if (hash.startsWith('#/resources')) return { page: 'resources' };
  if (hash.startsWith('#/supervisor')) return { page: 'supervisor' };
  if (hash.startsWith('#/desk')) return { page: 'desk' };
  const id = hash.startsWith(FLOW_PREFIX) ? decodeURIComponent(hash.slice(FLOW_PREFIX.length)) : '';
  return { page: 'flows', flowId: id || null };
}

export const flowHash = (id: string | null) => (id ? FLOW_PREFIX + encodeURIComponent(id) : '#/');

/** Whether going from one route to the other closes the open flow (another flow, another page). */
function closesFlow(from: Route, to: Route): boolean {
  return from.page === 'flows' && from.flowId !== null && !(to.page === 'flows' && to.flowId === from.flowId);
}

export interface Navigation {
  route: Route;
  /** Goes to a hash; asks first when that would drop unsaved edits, unless `force` (the flow is gone anyway). */
  navigate(hash: string, force?: boolean): void;
  /** The hash a navigation wanted while the open flow had unsaved edits: the page asks before going there. */
  pending: string | null;
  stay(): void;
  leave(): void;
}

/**
 * The route, guarded: every change of page goes through the hash (links,
 * the flow list, back and forward), so one listener sees them all. When the
 * open flow has unsaved edits, the hash is put back at once (the open flow
 * stays, edits and all) and the page asks; leaving then goes on to where the
 * analyst was going. Closing or reloading the tab is the browser's
 * `beforeunload` (see leave-guard.ts).
 */
export function useNavigation(): Navigation {
  const [route, setRoute] = useState(() => routeFromHash());
  const [pending, setPending] = useState<string | null>(null);
  const shown = useRef({ route, hash: location.hash });
  const allowed = useRef<string | null>(null);

  useEffect(() => {
    const onHashChange = () => {
      const next = routeFromHash();
      const wanted = location.hash;
      if (allowed.current !== wanted && hasUnsavedEdits() && closesFlow(shown.current.route, next)) {
        // replaceState fires no hashchange: the URL shows the open flow again, and nothing else moved.
        history.replaceState(history.state, '', `${location.pathname}${location.search}${shown.current.hash}`);
        setPending(wanted);
        return;
      }
      allowed.current = null;
      shown.current = { route: next, hash: wanted };
      setPending(null);
      setRoute(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const go = useCallback((hash: string) => {
    allowed.current = hash;
    location.hash = hash;
  }, []);

  const navigate = useCallback(
    (hash: string, force = false) => {
      if (force) go(hash);
      else location.hash = hash;
    },
    [go],
  );

  const stay = useCallback(() => setPending(null), []);
  const leave = useCallback(() => {
    if (pending !== null) go(pending);
    setPending(null);
  }, [pending, go]);

  return { route, navigate, pending, stay, leave };
}

/**
 * Asked before an in-app navigation would drop the open flow's unsaved edits.
 * Saving goes on only once the save succeeded; a failed one stays on the flow,
 * where the editor shows why (the error banner, the conflict dialog), as for
 * its Save button.
 */
export function LeaveDialog({ onStay, onLeave }: { onStay(): void; onLeave(): void }) {
  const [saving, setSaving] = useState(false);
  const saveAndLeave = async () => {
    setSaving(true);
    if (await saveUnsavedEdits()) onLeave();
    else onStay();
  };
  return (
    <Dialog
      kind="unsaved"
      title="Leave without saving?"
      // While the save runs, the choice is made: closing now would still leave once it succeeded.
      onClose={saving ? undefined : onStay}
      actions={
        <>
          <button type="button" className="button is-primary" onClick={onStay} disabled={saving}>
            Stay
          </button>
          <button type="button" className="button" onClick={() => void saveAndLeave()} disabled={saving}>
            {saving ? 'Saving…' : 'Save and leave'}
          </button>
          <button type="button" className="button is-danger" onClick={onLeave} disabled={saving}>
            Leave without saving
          </button>
        </>
      }
    >
      <p>This flow has changes that are not saved. Save them and go on, leave without them, or stay on this flow.</p>
    </Dialog>
  );
}
