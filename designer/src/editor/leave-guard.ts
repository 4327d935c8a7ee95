import { useEffect } from 'react';

/** Whether the open flow has edits that are not saved; one editor is open at a time, and it keeps this up to date. */
let unsaved = false;
/** The open editor's save (the Save button's): navigation.tsx offers it before leaving. */
let saveOpenFlow: (() => Promise<boolean>) | null = null;

export function hasUnsavedEdits(): boolean {
  return unsaved;
}

/**
 * Saves the open flow's edits as the Save button does. False when they were
 * not saved (a 409 conflict, a refused draft, no network): the editor then
 * shows why, as it does for the button, and the analyst should stay.
 */
export function saveUnsavedEdits(): Promise<boolean> {
  if (!unsaved) return Promise.resolve(true);
  return saveOpenFlow ? saveOpenFlow() : Promise.resolve(false);
}

/**
 * Marks the open flow's unsaved edits for the page's navigation (navigation.tsx
 * asks before leaving them, and may save them with `save`) and, while there
 * are any, has the browser ask before the tab is closed or reloaded.
 */
export function useLeaveGuard(dirty: boolean, save: () => Promise<boolean>): void {
  useEffect(() => {
    saveOpenFlow = save;
    return () => {
      if (saveOpenFlow === save) saveOpenFlow = null;
    };
  }, [save]);

  useEffect(() => {
    unsaved = dirty;
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      unsaved = false;
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty]);
}
