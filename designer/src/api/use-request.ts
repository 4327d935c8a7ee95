import { useEffect, useState } from 'react';
import { errorText } from './client.ts';

export type RequestState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: string };

/**
 * Runs `load` whenever `key` changes (nothing while it is null), aborting the
 * previous request so a slow answer never replaces a newer one.
 */
export function useRequest<T>(key: string | null, load: (key: string, signal: AbortSignal) => Promise<T>): RequestState<T> {
  const [state, setState] = useState<RequestState<T>>({ status: key === null ? 'idle' : 'loading' });

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(key, controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'failed', error: errorText(error) });
      },
    );
    return () => controller.abort();
    // `load` is a module-level function at every call site; only the key starts a new request.
  }, [key]);

  return state;
}
