import { useReactFlow } from '@xyflow/react';
import type { Editor } from './use-editor.ts';
import type { SaveStatus } from './use-save.ts';

interface ToolbarProps {
  editor: Editor;
  save: SaveStatus;
  onSave(): void;
  onPublish(): void;
  onHistory(): void;
  onExport(): void;
}

function saveLabel(save: SaveStatus, dirty: boolean): string {
  if (save.status === 'saving') return 'Saving…';
  if (dirty) return 'Unsaved changes';
  if (save.status === 'saved') return `Saved · revision ${save.revision}`;
  return 'All changes saved';
}

/** Undo, redo, layout and view tools on the left; save, publish and history on the right. */
export function Toolbar({ editor, save, onSave, onPublish, onHistory, onExport }: ToolbarProps) {
  const { fitView, screenToFlowPosition } = useReactFlow();
  const addNote = () => {
    const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = canvas ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 3 }) : { x: 0, y: 0 };
    editor.addNote({ x: centre.x - 100, y: centre.y - 60 });
  };
  const layout = () => {
    editor.layout();
    // After React Flow has the new positions.
    requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1.1, duration: 300 }));
  };
  const publishBlocked = editor.errors > 0;
  return (
    <div className="toolbar" role="toolbar" aria-label="Flow editing">
      <div className="toolbar__group">
        <button type="button" className="tool" onClick={editor.undo} disabled={!editor.canUndo} title="Undo (Ctrl+Z)" aria-label="Undo">
          ↶
        </button>
        <button type="button" className="tool" onClick={editor.redo} disabled={!editor.canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
          ↷
        </button>
        <span className="toolbar__separator" />
        <button type="button" className="tool tool--text" onClick={layout} title="Arrange the blocks left to right">
          Auto-layout
        </button>
        <button type="button" className="tool tool--text" onClick={() => void fitView({ padding: 0.15, maxZoom: 1.1, duration: 300 })} title="Zoom to fit">
          Fit
        </button>
        <button type="button" className="tool tool--text" onClick={addNote} title="Add a sticky note">
          + Note
        </button>
        <button type="button" className="tool tool--text" onClick={onExport} title="Download the flow as a JSON file">
          Export
        </button>
      </div>
      <div className="toolbar__group">
        <span className={`toolbar__status${editor.dirty ? ' is-dirty' : ''}`} role="status">
          {saveLabel(save, editor.dirty)}
        </span>
        <button type="button" className="tool tool--text" onClick={onHistory}>
          History
        </button>
        <button type="button" className="button" onClick={onSave} disabled={save.status === 'saving'} title="Save the draft (Ctrl+S)">
          Save
        </button>
        <button
          type="button"
          className="button is-primary"
          onClick={onPublish}
          disabled={publishBlocked}
          title={publishBlocked ? `Fix ${editor.errors} error${editor.errors === 1 ? '' : 's'} to publish (warnings are allowed)` : 'Publish a new version'}
        >
          Publish
        </button>
      </div>
    </div>
  );
}
