import { useCallback, useEffect, useState } from 'react';
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

export interface Reloading<T> {
  /** The last answer: kept on screen while a reload runs, and after one fails. */
  data?: T;
  /** Why the last request failed; cleared by the next answer. */
  error?: string;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` once, and again at each `reload()`, aborting a request a newer one replaces. */
export function useReloading<T>(load: (signal: AbortSignal) => Promise<T>): Reloading<T> {
  const [answer, setAnswer] = useState<{ data?: T; error?: string }>({});
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal).then(
      (data) => {
        setAnswer({ data });
        setLoading(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer((last) => ({ data: last.data, error: errorText(error) }));
        setLoading(false);
      },
    );
    return () => controller.abort();
    // `load` is a module-level function at every call site; only a reload asks again.
  }, [generation]);
  return { ...answer, loading, reload: useCallback(() => setGeneration((n) => n + 1), []) };
}
