import { useEffect, useMemo, useState } from 'react';
import type { Problem } from '../../../schemas/problems.ts';
import type { Flag, Resource } from '../../../schemas/resources/index.ts';
import { indexResources, validateResource } from '../../../schemas/validate.ts';
import { ApiRequestError, createResource, deleteResource, errorText, saveResource, setFlag } from '../api/client.ts';
import { AccountEditor } from './AccountEditor.tsx';
import { CalendarEditor } from './CalendarEditor.tsx';
import { DispositionEditor } from './DispositionEditor.tsx';
import { Field, ProblemsContext, TextField, withOptional } from './fields.tsx';
import { FlagEditor } from './FlagEditor.tsx';
import { KIND_INFO } from './kinds.ts';
import { QueueEditor } from './QueueEditor.tsx';
import { ResponseEditor } from './ResponseEditor.tsx';
import { ScheduleEditor } from './ScheduleEditor.tsx';

interface ResourceEditorProps {
  /** The saved document, or a blank one for a new resource. */
  initial: Resource;
  isNew: boolean;
  /** Every resource, for pickers and reference checks. */
  all: readonly Resource[];
  onSaved(resource: Resource): void;
  onDeleted(resource: Resource): void;
  onCancel(): void;
  /** A message to open with, e.g. "Created …" after a new resource was saved and reopened as an existing one. */
  notice?: string;
}

type Banner = { tone: 'error' | 'ok'; text: string; flows?: string[] } | null;

/** The problems of a refused save: the server's list, else the one field its pointer names. */
function refusedProblems(error: unknown): Problem[] {
  if (!(error instanceof ApiRequestError)) return [];
  if (error.problems.length > 0) return error.problems;
  return error.pointer === undefined ? [] : [{ pointer: error.pointer, message: error.message, severity: 'error' }];
}

/** The published flows a refused delete names. */
const blockingFlows = (error: ApiRequestError): string[] => (Array.isArray(error.details.flows) ? error.details.flows.filter((flow): flow is string => typeof flow === 'string') : []);

/** The fields of one kind; each editor changes the draft as a whole and reads problems from the context. */
function KindFields({ draft, setDraft, all, flagBusy, toggleFlagNow }: { draft: Resource; setDraft(next: Resource): void; all: readonly Resource[]; flagBusy: boolean; toggleFlagNow?: (active: boolean) => void }) {
  switch (draft.kind) {
    case 'schedule':
      return <ScheduleEditor value={draft} onChange={setDraft} />;
    case 'calendar':
      return <CalendarEditor value={draft} onChange={setDraft} />;
    case 'flag':
      return <FlagEditor value={draft} onChange={setDraft} busy={flagBusy} onToggleNow={toggleFlagNow} />;
    case 'queue': {
      const options = (kind: 'skill' | 'queue') => all.filter((entry) => entry.kind === kind).map(({ id, name }) => ({ id, name }));
      return <QueueEditor value={draft} onChange={setDraft} skills={options('skill')} queues={options('queue')} />;
    }
    case 'response':
      return <ResponseEditor value={draft} onChange={setDraft} />;
    case 'disposition':
      return <DispositionEditor value={draft} onChange={setDraft} />;
    case 'account':
      return <AccountEditor value={draft} onChange={setDraft} />;
    case 'skill':
      return null;
  }
}

export function ResourceEditor({ initial, isNew, all, onSaved, onDeleted, onCancel, notice }: ResourceEditorProps) {
  const [draft, setDraftState] = useState<Resource>(initial);
  const [saved, setSaved] = useState<Resource>(initial);
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [banner, setBanner] = useState<Banner>(notice ? { tone: 'ok', text: notice } : null);
  const [busy, setBusy] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const info = KIND_INFO[initial.kind];

  // A flag flipped from the list while its editor is open: follow it rather than keep a stale switch.
  const listActive = initial.kind === 'flag' ? initial.active : undefined;
  useEffect(() => {
    if (listActive === undefined) return;
    setDraftState((current) => (current.kind === 'flag' ? { ...current, active: listActive } : current));
    setSaved((current) => (current.kind === 'flag' ? { ...current, active: listActive } : current));
  }, [listActive]);

  const index = useMemo(() => indexResources(all), [all]);
  const clientProblems = useMemo(() => validateResource(draft, index), [draft, index]);
  const shown = attempted || !isNew ? [...clientProblems, ...serverProblems] : serverProblems;
  const dirty = isNew || JSON.stringify(draft) !== JSON.stringify(saved);

  const setDraft = (next: Resource) => {
    setDraftState(next);
    setServerProblems([]);
    setBanner(null);
  };

  const save = async () => {
    setAttempted(true);
    if (clientProblems.some((problem) => problem.severity === 'error')) {
      setBanner({ tone: 'error', text: `Not saved: fix the ${clientProblems.length === 1 ? 'problem' : `${clientProblems.length} problems`} marked below.` });
      return;
    }
    setBusy(true);
    try {
      const result = isNew ? await createResource(draft) : await saveResource(draft);
      setSaved(result);
      setDraftState(result);
      setBanner({ tone: 'ok', text: `Saved ${info.noun} “${result.name}”.` });
      onSaved(result);
    } catch (error) {
      setServerProblems(refusedProblems(error));
      setBanner({ tone: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setConfirmingDelete(false);
    setBusy(true);
    try {
      await deleteResource(saved.kind, saved.id);
      onDeleted(saved);
    } catch (error) {
      const flows = error instanceof ApiRequestError && error.status === 409 ? blockingFlows(error) : undefined;
      setBanner({ tone: 'error', text: flows ? `Cannot delete “${saved.name}”: it is used by published flows. Change them first, then delete it.` : errorText(error), flows });
    } finally {
      setBusy(false);
    }
  };

  const toggleFlagNow = async (active: boolean) => {
    setBusy(true);
    try {
      const flag: Flag = await setFlag(saved.id, active);
      setSaved((current) => (current.kind === 'flag' ? { ...current, active: flag.active } : current));
      setDraftState((current) => (current.kind === 'flag' ? { ...current, active: flag.active } : current));
      setBanner({ tone: 'ok', text: `${flag.name} is now ${flag.active ? 'ON' : 'off'}.` });
      onSaved({ ...flag });
    } catch (error) {
      setBanner({ tone: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ProblemsContext.Provider value={shown}>
      <form
        className="editor"
        aria-label={isNew ? `New ${info.noun}` : `Edit ${info.noun} ${saved.id}`}
        data-kind={draft.kind}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <header className="editor__header">
          <div className="editor__titles">
            <span className="editor__kind">{isNew ? `New ${info.noun}` : info.noun}</span>
            <h2 className="editor__title">{draft.name || (isNew ? 'Untitled' : saved.id)}</h2>
          </div>
          <div className="editor__actions">
            {!isNew &&
              (confirmingDelete ? (
                <span className="editor__confirm">
                  Delete “{saved.name}”?
                  <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>
                    Delete
                  </button>
                  <button type="button" className="button button--quiet" onClick={() => setConfirmingDelete(false)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button type="button" className="button button--quiet button--danger-text" disabled={busy} onClick={() => setConfirmingDelete(true)}>
                  Delete…
                </button>
              ))}
            {isNew && (
              <button type="button" className="button button--quiet" onClick={onCancel}>
                Cancel
              </button>
            )}
            <button type="submit" className="button button--primary" disabled={busy || !dirty}>
              {busy ? 'Saving…' : isNew ? `Create ${info.noun}` : dirty ? 'Save' : 'Saved'}
            </button>
          </div>
        </header>

        {banner && (
          <div className={`editor__banner editor__banner--${banner.tone}`} role={banner.tone === 'error' ? 'alert' : 'status'}>
            <p>{banner.text}</p>
            {banner.flows && banner.flows.length > 0 && (
              <ul className="editor__banner-flows">
                {banner.flows.map((flow) => (
                  <li key={flow}>
                    <a href={`#/flows/${encodeURIComponent(flow)}`}>{flow}</a>
                  </li>
                ))}
              </ul>
            )}
            {banner.tone === 'error' && shown.length > 0 && (
              <ul className="editor__banner-problems">
                {shown.map((problem, at) => (
                  <li key={at}>
                    <code>{problem.pointer || '/'}</code> {problem.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}

        <section className="editor__section editor__grid">
          <TextField
            label="Id"
            pointer="/id"
            mono
            value={draft.id}
            readOnly={!isNew}
            placeholder="lowercase-with-dashes"
            hint={isNew ? 'What flows refer to; it cannot change later.' : 'Flows refer to it by this id.'}
            onChange={(id) => setDraft({ ...draft, id })}
          />
          <TextField label="Name" pointer="/name" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
        </section>
        <Field label="Description" pointer="/description">
          {(id, invalid) => (
            <textarea id={id} className="input input--text" rows={2} aria-invalid={invalid || undefined} data-pointer="/description" value={draft.description ?? ''} onChange={(event) => setDraft(withOptional(draft, 'description', event.target.value))} />
          )}
        </Field>

        <KindFields draft={draft} setDraft={setDraft} all={all} flagBusy={busy} toggleFlagNow={isNew ? undefined : (active) => void toggleFlagNow(active)} />
      </form>
    </ProblemsContext.Provider>
  );
}
