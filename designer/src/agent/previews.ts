import { useCallback, useEffect, useState } from 'react';
import { getInteraction, type InteractionDetail } from './api.ts';

/** Interactions by id, fetched once each, for offers, the personal queue and tab labels. */
export function usePreviews(ids: string[]): [Map<string, InteractionDetail>, (id: string) => void] {
  const [previews, setPreviews] = useState(() => new Map<string, InteractionDetail>());
  const [stale, setStale] = useState(0);
  const key = ids.join(' ');
  useEffect(() => {
    for (const id of ids) {
      if (previews.has(id)) continue;
      getInteraction(id).then(
        (detail) => setPreviews((old) => new Map(old).set(id, detail)),
        () => {},
      );
    }
    // `ids` is represented by `key`.
  }, [key, stale]);
  const forget = useCallback((id: string) => {
    setPreviews((old) => {
      const next = new Map(old);
      next.delete(id);
      return next;
    });
    setStale((n) => n + 1);
  }, []);
  return [previews, forget];
}
