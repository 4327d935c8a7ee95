import { useCallback, useRef, useState } from 'react';
import type { Flow } from '../../../schemas/flow.ts';
import { errorText, getFlow, publishFlow, saveFlow, SaveConflictError, type FlowDetail, type VersionSummary } from '../api/client.ts';
import type { Editor } from './use-editor.ts';

export type SaveStatus =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; revision: number }
  | { status: 'failed'; error: string }
  /** Someone saved the flow since it was loaded: reload theirs or overwrite with mine. */
  | { status: 'conflict'; message: string; currentRevision: number };

export type PublishStatus =
  | { status: 'idle' }
  | { status: 'publishing' }
  | { status: 'published'; version: VersionSummary }
  | { status: 'failed'; error: string };

/** The document without the revision it was read at: the editor keeps that apart. */
export function withoutRevision(flow: Flow): Flow {
  const { revision: _revision, ...document } = flow;
  return document;
}

/**
 * Saving and publishing the open flow. A save sends the revision the editor
 * loaded; a 409 becomes a conflict the analyst resolves (reload or overwrite),
 * never a silent overwrite.
 */
export function useSave(editor: Editor, onStored: (flow: FlowDetail) => void) {
  const [save, setSave] = useState<SaveStatus>({ status: 'idle' });
  const [publish, setPublish] = useState<PublishStatus>({ status: 'idle' });
  const latest = useRef(editor);
  latest.current = editor;
  const busy = useRef(false);

  const saveAt = useCallback(
    async (revision: number): Promise<boolean> => {
      if (busy.current) return false;
      busy.current = true;
      const document = latest.current.document;
      setSave({ status: 'saving' });
      try {
        const { flow } = await saveFlow(withoutRevision(document), revision);
        latest.current.markSaved(document, flow.revision);
        setSave({ status: 'saved', revision: flow.revision });
        onStored(flow);
        return true;
      } catch (error) {
        if (error instanceof SaveConflictError) setSave({ status: 'conflict', message: error.message, currentRevision: error.currentRevision });
        else setSave({ status: 'failed', error: errorText(error) });
        return false;
      } finally {
        busy.current = false;
      }
    },
    [onStored],
  );

  const saveNow = useCallback(() => saveAt(latest.current.revision), [saveAt]);

  /** Overwrite with mine: save again at the revision the 409 reported. */
  const overwrite = useCallback(() => (save.status === 'conflict' ? saveAt(save.currentRevision) : Promise.resolve(false)), [save, saveAt]);

  /** Reload theirs: their draft replaces mine (my changes are dropped, as the dialog says). */
  const reload = useCallback(async () => {
    try {
      const flow = await getFlow(latest.current.document.id);
      latest.current.load(withoutRevision(flow.draft), flow.revision);
      setSave({ status: 'idle' });
      onStored(flow);
    } catch (error) {
      setSave({ status: 'failed', error: `could not reload: ${errorText(error)}` });
    }
  }, [onStored]);

  /** Publishes what is on the canvas: saved first when it has unsaved changes (the server publishes the stored draft). */
  const publishNow = useCallback(
    async (comment: string): Promise<boolean> => {
      setPublish({ status: 'publishing' });
      if (latest.current.dirty && !(await saveAt(latest.current.revision))) {
        setPublish({ status: 'failed', error: 'the draft could not be saved, so it was not published' });
        return false;
      }
      try {
        const version = await publishFlow(latest.current.document.id, comment);
        setPublish({ status: 'published', version });
        const flow = await getFlow(latest.current.document.id).catch(() => undefined);
        if (flow) onStored(flow);
        return true;
      } catch (error) {
        setPublish({ status: 'failed', error: errorText(error) });
        return false;
      }
    },
    [saveAt, onStored],
  );

  return {
    save,
    publish,
    saveNow,
    overwrite,
    reload,
    publishNow,
    dismissConflict: () => setSave({ status: 'idle' }),
    resetPublish: () => setPublish({ status: 'idle' }),
  };
}
