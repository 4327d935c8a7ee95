import { useEffect, useRef, useState } from 'react';
import { eventSourceUrl } from '../auth/http.ts';

/** The event types of the ACD's stream (runtime/src/routes/agents.ts); each may change what the supervisor sees. */
export const ACD_EVENTS = ['status', 'queued', 'offered', 'offer-ended', 'assigned', 'parked', 'unparked', 'preference-ended', 'overflowed', 'subscribed', 'released', 'removed'] as const;

/**
 * The ACD's event stream for supervisors (`GET /api/acd/events`): `onChange`
 * is called, debounced, when it reports something, and after it reconnects
 * (its `hello`), since events may have been missed meanwhile. Returns whether
 * the stream is open.
 */
export function useAcdStream(onChange: () => void): boolean {
  const callback = useRef(onChange);
  callback.current = onChange;
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), 150);
    };
    const source = new EventSource(eventSourceUrl('/api/acd/events'));
    let greeted = false;
    source.addEventListener('hello', () => {
      if (greeted) changed();
      greeted = true;
    });
    for (const type of ACD_EVENTS) source.addEventListener(type, changed);
    source.onopen = () => setOpen(true);
    source.onerror = () => setOpen(false);
    return () => {
      clearTimeout(timer);
      source.close();
      setOpen(false);
    };
  }, []);

  return open;
}

/** The current time, re-rendered every `ms` (display only: the ages tick without asking the server). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
