import { useEffect, useReducer } from 'react';
import { eventSourceUrl } from '../auth/http.ts';
import type { AgentStatusName, Offer } from './api.ts';

/** An offer as the desk holds it: with the local time it arrived, so the countdown does not depend on the server's clock. */
export interface LiveOffer extends Offer {
  receivedAt: number;
}

export interface DeskState {
  connection: 'connecting' | 'live' | 'reconnecting';
  status: AgentStatusName;
  reason?: string;
  offers: LiveOffer[];
  personalQueue: string[];
  assigned: string[];
}

export type DeskAction =
  | { type: 'connection'; connection: DeskState['connection'] }
  | { type: 'hello'; status: AgentStatusName; reason?: string; offers: Offer[]; personalQueue: string[]; assigned: string[]; at: number }
  | { type: 'status'; status: AgentStatusName; reason?: string }
  | { type: 'offered'; offer: Offer; at: number }
  | { type: 'offer-ended'; offerId: string }
  | { type: 'assigned'; interactionId: string }
  | { type: 'parked'; interactionId: string }
  | { type: 'unparked'; interactionId: string }
  | { type: 'released'; interactionId: string };

export const initialDesk: DeskState = { connection: 'connecting', status: 'offline', offers: [], personalQueue: [], assigned: [] };

const without = (list: string[], id: string) => list.filter((item) => item !== id);
const withItem = (list: string[], id: string) => (list.includes(id) ? list : [...list, id]);

export function deskReducer(state: DeskState, action: DeskAction): DeskState {
  switch (action.type) {
    case 'connection':
      return { ...state, connection: action.connection };
    case 'hello': {
      // Offers already known keep their arrival time, so a reconnect does not reset the countdown.
      const known = new Map(state.offers.map((offer) => [offer.id, offer.receivedAt]));
      return {
        connection: 'live',
        status: action.status,
        ...(action.reason !== undefined && { reason: action.reason }),
        offers: action.offers.map((offer) => ({ ...offer, receivedAt: known.get(offer.id) ?? action.at })),
        personalQueue: action.personalQueue,
        assigned: action.assigned,
      };
    }
    case 'status': {
      const { reason: _old, ...rest } = state;
      return { ...rest, status: action.status, ...(action.reason !== undefined && { reason: action.reason }) };
    }
    case 'offered':
      if (state.offers.some((offer) => offer.id === action.offer.id)) return state;
      return { ...state, offers: [...state.offers, { ...action.offer, receivedAt: action.at }] };
    case 'offer-ended':
      return { ...state, offers: state.offers.filter((offer) => offer.id !== action.offerId) };
    case 'assigned':
      return {
        ...state,
        offers: state.offers.filter((offer) => offer.interactionId !== action.interactionId),
        personalQueue: without(state.personalQueue, action.interactionId),
        assigned: withItem(state.assigned, action.interactionId),
      };
    case 'parked':
      return { ...state, personalQueue: withItem(state.personalQueue, action.interactionId) };
    case 'unparked':
      return { ...state, personalQueue: without(state.personalQueue, action.interactionId) };
    case 'released':
      return { ...state, assigned: without(state.assigned, action.interactionId) };
  }
}

/** Milliseconds an offer has left, counted from when it arrived here. */
export function remainingMs(offer: LiveOffer, now: number): number {
  return Math.max(0, offer.expiresAt - offer.offeredAt - (now - offer.receivedAt));
}

function parse(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The agent's live state from `GET /api/agents/:id/events` (server-sent
 * events; the token travels as `?access_token=`). `hello` carries the whole
 * state, so a reconnect resynchronises; later events change it piece by piece.
 */
export function useAgentStream(agentId: string | null): [DeskState, (action: DeskAction) => void] {
  const [state, dispatch] = useReducer(deskReducer, initialDesk);
  useEffect(() => {
    if (!agentId) return;
    dispatch({ type: 'connection', connection: 'connecting' });
    const source = new EventSource(eventSourceUrl(`/api/agents/${encodeURIComponent(agentId)}/events`));
    const on = (name: string, handle: (data: Record<string, unknown>) => void) =>
      source.addEventListener(name, (event) => handle(parse((event as MessageEvent<string>).data)));
    on('hello', (data) =>
      dispatch({
        type: 'hello',
        status: (data.status as AgentStatusName) ?? 'offline',
        ...(typeof data.reason === 'string' && { reason: data.reason }),
        offers: (data.offers as Offer[]) ?? [],
        personalQueue: (data.personalQueue as string[]) ?? [],
        assigned: (data.assigned as string[]) ?? [],
        at: Date.now(),
      }),
    );
    on('status', (data) => dispatch({ type: 'status', status: data.status as AgentStatusName, ...(typeof data.reason === 'string' && { reason: data.reason }) }));
    on('offered', (data) => dispatch({ type: 'offered', offer: data.offer as Offer, at: Date.now() }));
    on('offer-ended', (data) => dispatch({ type: 'offer-ended', offerId: (data.offer as Offer).id }));
    for (const name of ['assigned', 'parked', 'unparked', 'released'] as const) {
      on(name, (data) => dispatch({ type: name, interactionId: String(data.interactionId) }));
    }
    source.onerror = () => dispatch({ type: 'connection', connection: 'reconnecting' });
    return () => source.close();
  }, [agentId]);
  return [state, dispatch];
}
