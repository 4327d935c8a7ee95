import { useEffect, useRef, useState } from 'react';
import { eventSourceUrl } from '../auth/http.ts';

/** The event types an agent's stream sends (runtime/src/routes/agents.ts); each may change what the supervisor sees. */
export const AGENT_EVENTS = ['status', 'offered', 'offer-ended', 'assigned', 'parked', 'unparked', 'preference-ended', 'subscribed', 'released', 'queued'] as const;

/**
 * One EventSource per agent (`GET /api/agents/:id/events`); `onChange` is
 * called, debounced, when any of them reports something, and after a stream
 * reconnects (its `hello`), since events may have been missed meanwhile.
 * Returns how many streams are open.
 */
export function useAgentStreams(agentIds: readonly string[], onChange: () => void): number {
  const callback = useRef(onChange);
  callback.current = onChange;
  const [open, setOpen] = useState(0);
  const key = [...agentIds].sort().join('\n');

  useEffect(() => {
    if (key === '' || typeof EventSource === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), 150);
    };
    const states = new Map<EventSource, boolean>();
    const count = () => setOpen([...states.values()].filter(Boolean).length);
    const sources = key.split('\n').map((id) => {
      const source = new EventSource(eventSourceUrl(`/api/agents/${encodeURIComponent(id)}/events`));
      let greeted = false;
      states.set(source, false);
      source.addEventListener('hello', () => {
        if (greeted) changed();
        greeted = true;
      });
      for (const type of AGENT_EVENTS) source.addEventListener(type, changed);
      source.onopen = () => {
        states.set(source, true);
        count();
      };
      source.onerror = () => {
        states.set(source, false);
        count();
      };
      return source;
    });
    return () => {
      clearTimeout(timer);
      for (const source of sources) source.close();
      setOpen(0);
    };
  }, [key]);

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
