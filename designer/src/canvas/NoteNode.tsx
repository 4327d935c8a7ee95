import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEditorContext } from '../editor/use-editor.ts';
import type { NoteNodeType } from './to-canvas.ts';

/** A sticky note: dragged by its grip, its text edited in place (`nodrag` keeps typing and selecting text off the canvas). */
function NoteNodeView({ data, selected }: NodeProps<NoteNodeType>) {
  const editor = useEditorContext();
  const { note } = data;
  return (
    <div className={`note-node${selected ? ' is-selected' : ''}`} data-note-id={note.id}>
      <div className="note-node__grip" title="Drag to move">
        <span aria-hidden="true">⠿</span> Note
      </div>
      <textarea
        className="note-node__text nodrag nowheel"
        value={note.text}
        placeholder="Write a note…"
        aria-label="Sticky note text"
        maxLength={4000}
        onChange={(event) => editor.updateNote(note.id, event.target.value)}
        // Delete and Backspace edit the text here; they must not delete the note.
        onKeyDown={(event) => event.stopPropagation()}
      />
    </div>
  );
}

export const NoteNode = memo(NoteNodeView);
