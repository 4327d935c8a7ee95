import type { Flow } from '../../../schemas/flow.ts';
import { applyDocumentAction, type DocumentAction } from './document.ts';

/** How many steps back undo reaches. */
export const HISTORY_LIMIT = 200;
/** Edits with the same coalesce key this close together are one undo step (typing in a field). */
export const COALESCE_MS = 1000;

export interface History {
  past: Flow[];
  present: Flow;
  future: Flow[];
  /** The key and time of the last recorded edit, for coalescing. */
  last?: { key: string; at: number };
  /** While a gesture (a drag) is under way, its edits change `present` without new undo steps. */
  gesture: boolean;
}

export type HistoryAction =
  | { type: 'edit'; action: DocumentAction; coalesce?: string; at?: number }
  | { type: 'undo' }
  | { type: 'redo' }
  /** A drag begins: one undo step for the whole gesture, dropped again if nothing changed. */
  | { type: 'begin-gesture' }
  | { type: 'end-gesture' }
  /** A new document with no history (a flow opened or reloaded). */
  | { type: 'reset'; document: Flow };

export function initialHistory(document: Flow): History {
  return { past: [], present: document, future: [], gesture: false };
}

export function historyReducer(state: History, event: HistoryAction): History {
  switch (event.type) {
    case 'edit': {
      const next = applyDocumentAction(state.present, event.action);
      if (next === state.present) return state;
      if (state.gesture) return { ...state, present: next };
      const at = event.at ?? Date.now();
      const merge = event.coalesce !== undefined && state.last?.key === event.coalesce && at - state.last.at < COALESCE_MS;
      return {
        past: merge ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT),
        present: next,
        future: [],
        last: event.coalesce === undefined ? undefined : { key: event.coalesce, at },
        gesture: false,
      };
    }
    case 'undo': {
      if (state.past.length === 0 || state.gesture) return state;
      return { past: state.past.slice(0, -1), present: state.past[state.past.length - 1], future: [state.present, ...state.future], gesture: false };
    }
    case 'redo': {
      if (state.future.length === 0 || state.gesture) return state;
      return { past: [...state.past, state.present], present: state.future[0], future: state.future.slice(1), gesture: false };
    }
    case 'begin-gesture':
      if (state.gesture) return state;
      return { past: [...state.past, state.present].slice(-HISTORY_LIMIT), present: state.present, future: state.future, gesture: true };
    case 'end-gesture': {
      if (!state.gesture) return state;
      const before = state.past[state.past.length - 1];
      // A click without a move leaves the document as it was: no empty undo step.
      if (before === state.present) return { ...state, past: state.past.slice(0, -1), gesture: false };
      return { ...state, future: [], last: undefined, gesture: false };
    }
    case 'reset':
      return initialHistory(event.document);
  }
}
