import { useEffect } from 'react';

/** Whether the open flow has edits that are not saved; one editor is open at a time, and it keeps this up to date. */
let unsaved = false;

export function hasUnsavedEdits(): boolean {
  return unsaved;
}

/**
 * Marks the open flow's unsaved edits for the page's navigation (navigation.tsx
 * asks before leaving them) and, while there are any, has the browser ask
 * before the tab is closed or reloaded.
 */
export function useLeaveGuard(dirty: boolean): void {
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
