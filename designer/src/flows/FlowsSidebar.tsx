import { useRef, useState, type ChangeEvent } from 'react';
import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import type { Flow } from '../../../schemas/flow.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import { createFlow, deleteFlow, errorText, getFlow, type FlowSummary } from '../api/client.ts';
import type { RequestState } from '../api/use-request.ts';
import { Dialog } from '../editor/Dialog.tsx';
import { copyId, MAX_FLOW_FILE_BYTES, newFlowDocument, parseFlowFile } from './flow-file.ts';
import { FlowList } from './FlowList.tsx';
import { NewFlowDialog } from './NewFlowDialog.tsx';

interface FlowsSidebarProps {
  flows: RequestState<FlowSummary[]>;
  selectedId: string | null;
  resources: readonly Resource[] | undefined;
  onOpen(id: string): void;
  /** The list changed on the server: reload it (and close the flow when it was deleted). */
  onChanged(deletedId?: string): void;
}

/** The left column: the flows, and creating, duplicating, deleting and importing them. */
export function FlowsSidebar({ flows, selectedId, resources, onOpen, onChanged }: FlowsSidebarProps) {
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FlowSummary | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const taken = new Set(flows.status === 'ready' ? flows.data.map((flow) => flow.id) : []);

  const store = async (document: Flow, what: string) => {
    await createFlow(document);
    onChanged();
    onOpen(document.id);
    setNotice({ kind: 'info', text: what });
  };

  const create = async (id: string, name: string, trigger: AnyBlockDefinition, account: string) => {
    try {
      setCreateError(null);
      await store(newFlowDocument(id, name, trigger, account), `Created “${name}”`);
      setCreating(false);
    } catch (error) {
      setCreateError(errorText(error));
    }
  };

  const duplicate = async (flow: FlowSummary) => {
    try {
      const { draft } = await getFlow(flow.id);
      const { revision: _revision, ...document } = draft;
      const id = copyId(flow.id, taken);
      await store({ ...document, id, name: `${flow.name} (copy)`.slice(0, 200) }, `Duplicated as “${id}”`);
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not duplicate ${flow.id}: ${errorText(error)}` });
    }
  };

  const remove = async (flow: FlowSummary) => {
    setDeleting(null);
    try {
      await deleteFlow(flow.id);
      onChanged(flow.id);
      setNotice({ kind: 'info', text: `Deleted “${flow.name}”` });
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not delete ${flow.id}: ${errorText(error)}` });
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_FLOW_FILE_BYTES) {
      setNotice({ kind: 'error', text: `${file.name} is too large (${Math.round(file.size / 1024)} KiB; at most 2 MiB)` });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not read ${file.name}: ${errorText(error)}` });
      return;
    }
    const parsed = parseFlowFile(text, file.name);
    if (!parsed.ok) {
      setNotice({ kind: 'error', text: parsed.error });
      return;
    }
    // An import never replaces a flow: a clashing id becomes a copy.
    const id = taken.has(parsed.flow.id) ? copyId(parsed.flow.id, taken) : parsed.flow.id;
    try {
      await store({ ...parsed.flow, id }, id === parsed.flow.id ? `Imported “${parsed.flow.name}”` : `Imported as “${id}” (a flow “${parsed.flow.id}” exists)`);
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not import ${file.name}: ${errorText(error)}` });
    }
  };

  return (
    <aside className="sidebar sidebar--flows">
      <div className="sidebar__heading">
        <h2 className="sidebar__title">Flows</h2>
        <span className="sidebar__tools">
          <button type="button" className="button button--small" onClick={() => fileInput.current?.click()}>
            Import
          </button>
          <button type="button" className="button button--small is-primary" onClick={() => (setCreateError(null), setCreating(true))}>
            New flow
          </button>
        </span>
        <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Import a flow file" data-testid="import-flow" onChange={(event) => void importFile(event)} />
      </div>
      {notice && (
        <p className={`sidebar__note sidebar__notice sidebar__note--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </p>
      )}
      <div className="sidebar__body">
        <FlowList flows={flows} selectedId={selectedId} onSelect={onOpen} onDuplicate={(flow) => void duplicate(flow)} onDelete={setDeleting} />
      </div>
      {creating && <NewFlowDialog resources={resources} taken={taken} error={createError} onCreate={(...args) => void create(...args)} onClose={() => setCreating(false)} />}
      {deleting && (
        <Dialog
          kind="delete-flow"
          title={`Delete “${deleting.name}”?`}
          onClose={() => setDeleting(null)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setDeleting(null)}>
                Cancel
              </button>
              <button type="button" className="button is-danger" onClick={() => void remove(deleting)}>
                Delete
              </button>
            </>
          }
        >
          <p>
            The draft{deleting.activeVersion !== null ? ' and every published version' : ''} of <code>{deleting.id}</code> will be removed
            {deleting.activeVersion !== null ? ', and it stops routing messages' : ''}. This cannot be undone; export it first to keep a copy.
          </p>
        </Dialog>
      )}
    </aside>
  );
}
