import { useEffect, useRef } from 'react';

export interface Shortcuts {
  save(): void;
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The editor's keyboard: Ctrl/⌘+S saves anywhere; undo, redo, copy and paste
 * act on the canvas, but leave a text field its own (typing undo, text copy).
 * Delete is React Flow's own (`deleteKeyCode`).
 */
export function useShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        latest.current.save();
        return;
      }
      if (isTyping(event.target) || event.defaultPrevented) return;
      // A selection of page text (a problem message, say) keeps the browser's own copy.
      if (key === 'c' && (window.getSelection()?.toString() ?? '') !== '') return;
      const action = key === 'z' ? (event.shiftKey ? 'redo' : 'undo') : key === 'y' ? 'redo' : key === 'c' ? 'copy' : key === 'v' ? 'paste' : undefined;
      if (!action) return;
      event.preventDefault();
      latest.current[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
