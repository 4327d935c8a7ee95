import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useRef, useState } from 'react';
import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import type { FlowDetail } from '../api/client.ts';
import { FlowCanvas } from '../canvas/FlowCanvas.tsx';
import { highlightFromTrace, type Trace } from '../canvas/highlight.ts';
import { NODE_WIDTH } from '../canvas/to-canvas.ts';
import { StatusBadge } from '../flows/FlowList.tsx';
import { downloadFlow } from '../flows/flow-file.ts';
import { copyFragment, fragmentToPaste, rememberPasted } from './clipboard.ts';
import { ConflictDialog, HistoryDialog, PublishDialog } from './dialogs.tsx';
import { useLeaveGuard } from './leave-guard.ts';
import { SidePanel, type Tab } from './SidePanel.tsx';
import { Toolbar } from './Toolbar.tsx';
import { EditorContext, useEditor } from './use-editor.ts';
import { useSave, withoutRevision } from './use-save.ts';
import { useShortcuts } from './use-shortcuts.ts';

interface FlowEditorProps {
  flow: FlowDetail;
  resources: readonly Resource[] | undefined;
  /** The server stored a new draft or version: the flow list refreshes. */
  onStored(flow: FlowDetail): void;
}

/** One open flow: toolbar and canvas in the middle column, the side panel on the right. Mount it with the flow id as key. */
export function FlowEditor(props: FlowEditorProps) {
  return (
    <ReactFlowProvider>
      <FlowEditorView {...props} />
    </ReactFlowProvider>
  );
}

function FlowEditorView({ flow: loaded, resources, onStored }: FlowEditorProps) {
  const editor = useEditor(withoutRevision(loaded.draft), loaded.revision, resources);
  // The summary as last stored (status, published version), fresher than the one the flow was opened with.
  const [flow, setFlow] = useState(loaded);
  const stored = useCallback(
    (next: FlowDetail) => {
      setFlow(next);
      onStored(next);
    },
    [onStored],
  );
  const saving = useSave(editor, stored);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const [tab, setTab] = useState<Tab>('blocks');
  const [trace, setTrace] = useState<Trace | null>(null);
  const [dialog, setDialog] = useState<'publish' | 'history' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pasteError, setPasteError] = useState<string | null>(null);
  useLeaveGuard(editor.dirty, saving.saveNow);

  // Paste waits for the clipboard: by then the editor may have re-rendered, so it pastes into the latest document.
  const latestEditor = useRef(editor);
  latestEditor.current = editor;

  const save = () => void saving.saveNow();
  const copy = async () => {
    const fragment = editor.copySelection();
    if (!fragment) return;
    const count = fragment.nodes.length + fragment.notes.length;
    const inSystem = await copyFragment(fragment);
    setNotice(`Copied ${count} item${count === 1 ? '' : 's'}${inSystem ? '' : ' (in this tab only: the browser refused the clipboard)'}`);
  };
  const paste = async () => {
    const source = await fragmentToPaste();
    if (!source) return;
    if (!source.ok) {
      setPasteError(source.error);
      return;
    }
    setPasteError(null);
    rememberPasted(latestEditor.current.paste(source.fragment));
  };
  useShortcuts({ save, undo: editor.undo, redo: editor.redo, copy: () => void copy(), paste: () => void paste() });

  const addAtCentre = (definition: AnyBlockDefinition) => {
    const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = canvas ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }) : { x: 0, y: 0 };
    editor.addNode(definition, { x: centre.x - NODE_WIDTH / 2, y: centre.y - 40 });
  };

  const selectNode = useCallback(
    (nodeId: string) => {
      editor.select([nodeId]);
      setTab('properties');
      void fitView({ nodes: [{ id: nodeId }], maxZoom: 1.1, duration: 300 });
    },
    [editor, fitView],
  );

  const highlight = trace ? highlightFromTrace(trace) : null;
  const selectionKey = editor.selection.nodes.join(',');

  return (
    <EditorContext.Provider value={editor}>
      <main className="canvas">
        <div className="canvas__header">
          <span className="canvas__title">
            <span className="canvas__flow-name">{editor.document.name}</span>
            <StatusBadge flow={flow} />
            <span className="canvas__flow-id">{flow.id}</span>
            <span className="canvas__flow-id">revision {editor.revision}</span>
          </span>
        </div>
        <Toolbar
          editor={editor}
          save={saving.save}
          onSave={save}
          onPublish={() => {
            saving.resetPublish();
            setDialog('publish');
          }}
          onHistory={() => setDialog('history')}
          onExport={() => downloadFlow(editor.document)}
        />
        {saving.save.status === 'failed' && (
          <p className="banner banner--error" role="alert">
            Not saved: {saving.save.error}
          </p>
        )}
        {pasteError && (
          <p className="banner banner--error" role="alert">
            {pasteError}{' '}
            <button type="button" className="banner__dismiss" onClick={() => setPasteError(null)}>
              Dismiss
            </button>
          </p>
        )}
        {notice && (
          <p className="banner banner--info" role="status" onAnimationEnd={() => setNotice(null)}>
            {notice}
          </p>
        )}
        <div className="canvas__surface" data-selection={selectionKey}>
          <FlowCanvas editor={editor} highlight={highlight} />
        </div>
      </main>

      <SidePanel
        tab={tab}
        onTab={setTab}
        editor={editor}
        resources={resources}
        flowId={flow.id}
        onAdd={addAtCentre}
        onSelectNode={selectNode}
        onTrace={setTrace}
      />

      {saving.save.status === 'conflict' && (
        <ConflictDialog message={saving.save.message} onReload={() => void saving.reload()} onOverwrite={() => void saving.overwrite()} onCancel={saving.dismissConflict} />
      )}
      {dialog === 'publish' && saving.save.status !== 'conflict' && (
        <PublishDialog editor={editor} status={saving.publish} onPublish={(comment) => void saving.publishNow(comment)} onClose={() => setDialog(null)} />
      )}
      {dialog === 'history' && <HistoryDialog flowId={flow.id} draft={editor.document} onClose={() => setDialog(null)} onRolledBack={() => void saving.reload()} />}
    </EditorContext.Provider>
  );
}
