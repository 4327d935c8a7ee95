import { useState } from 'react';
import type { Flow } from '../../../schemas/flow.ts';
import { VersionHistory } from '../history/VersionHistory.tsx';
import { Dialog } from './Dialog.tsx';
import type { Editor } from './use-editor.ts';
import type { PublishStatus } from './use-save.ts';

interface ConflictDialogProps {
  message: string;
  onReload(): void;
  onOverwrite(): void;
  onCancel(): void;
}

/** A stale save: the analyst chooses whose draft wins; nothing is overwritten without that choice. */
export function ConflictDialog({ message, onReload, onOverwrite, onCancel }: ConflictDialogProps) {
  return (
    <Dialog
      kind="conflict"
      title="Someone else saved this flow"
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button" onClick={onReload}>
            Reload theirs
          </button>
          <button type="button" className="button is-danger" onClick={onOverwrite}>
            Overwrite with mine
          </button>
        </>
      }
    >
      <p>{message}</p>
      <p>
        <strong>Reload theirs</strong> drops your unsaved changes and opens their draft. <strong>Overwrite with mine</strong> saves your draft over
        theirs. Cancel keeps editing; you can save again later.
      </p>
    </Dialog>
  );
}

interface PublishDialogProps {
  editor: Editor;
  status: PublishStatus;
  onPublish(comment: string): void;
  onClose(): void;
}

/** Publishing asks what changed; the comment goes into the version history. */
export function PublishDialog({ editor, status, onPublish, onClose }: PublishDialogProps) {
  const [comment, setComment] = useState('');
  const warnings = editor.problems.length - editor.errors;
  if (status.status === 'published') {
    return (
      <Dialog kind="publish" title="Published" onClose={onClose} actions={<button type="button" className="button is-primary" onClick={onClose}>Done</button>}>
        <p className="dialog__success" role="status">
          Version {status.version.version} of “{editor.document.name}” is live.
        </p>
        <p className="dialog__muted">“{status.version.comment}”</p>
      </Dialog>
    );
  }
  const blocked = editor.errors > 0;
  const submit = () => {
    if (!blocked && comment.trim() !== '' && status.status !== 'publishing') onPublish(comment.trim());
  };
  return (
    <Dialog
      kind="publish"
      title={`Publish “${editor.document.name}”`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button is-primary" onClick={submit} disabled={blocked || comment.trim() === '' || status.status === 'publishing'}>
            {status.status === 'publishing' ? 'Publishing…' : 'Publish'}
          </button>
        </>
      }
    >
      {blocked && <p className="dialog__error">Fix the {editor.errors} error(s) in the Validation tab first.</p>}
      {warnings > 0 && !blocked && <p className="dialog__muted">{warnings} warning(s): publishing is allowed.</p>}
      {editor.dirty && <p className="dialog__muted">Your unsaved changes are saved first.</p>}
      <label className="field">
        <span className="field__label">What changed?</span>
        <textarea
          className="field__input"
          rows={3}
          maxLength={2000}
          value={comment}
          placeholder="e.g. Route refund tweets to the billing queue"
          onChange={(event) => setComment(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
          }}
        />
      </label>
      {status.status === 'failed' && (
        <p className="dialog__error" role="alert">
          {status.error}
        </p>
      )}
    </Dialog>
  );
}

interface HistoryDialogProps {
  flowId: string;
  draft: Flow;
  onRolledBack(): void;
  onClose(): void;
}

export function HistoryDialog({ flowId, draft, onRolledBack, onClose }: HistoryDialogProps) {
  return (
    <Dialog kind="history" title="Version history" onClose={onClose} actions={<button type="button" className="button" onClick={onClose}>Close</button>}>
      <VersionHistory flowId={flowId} draft={draft} onRolledBack={onRolledBack} />
    </Dialog>
  );
}
