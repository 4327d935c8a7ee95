import './history.css';
import { useEffect, useState } from 'react';
import type { Flow } from '../../../schemas/flow.ts';
import { errorText, getVersion, listVersions, rollbackFlow, type VersionList, type VersionSummary } from '../api/client.ts';
import { diffFlows } from './diff.ts';
import { DiffView } from './DiffView.tsx';

export interface VersionHistoryProps {
  flowId: string;
  /** The draft as the canvas has it now (unsaved edits included), for "compare with the draft". */
  draft: Flow;
  onRolledBack(): void;
}

type Compare = 'draft' | 'previous';
type Loaded<T> = { status: 'loading' } | { status: 'failed'; error: string } | { status: 'ready'; data: T };

const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : whenFormat.format(new Date(iso)));
/** Published versions of a flow, newest first: pick one to see what changed, and roll back to it in one click. */
export function VersionHistory({ flowId, draft, onRolledBack }: VersionHistoryProps) {
  const [list, setList] = useState<Loaded<VersionList>>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [compare, setCompare] = useState<Compare>('draft');
  const [documents, setDocuments] = useState<ReadonlyMap<number, Flow>>(new Map());
  const [documentError, setDocumentError] = useState<string | null>(null);
  const [rollback, setRollback] = useState<{ busy: boolean; error?: string; done?: string }>({ busy: false });

  useEffect(() => {
    const controller = new AbortController();
    listVersions(flowId, controller.signal).then(
      (data) => {
        setList({ status: 'ready', data });
        setSelected((current) => current ?? data.versions[0]?.version ?? null);
      },
      (error: unknown) => !controller.signal.aborted && setList({ status: 'failed', error: errorText(error) }),
    );
    return () => controller.abort();
  }, [flowId, reloads]);

  const versions = list.status === 'ready' ? list.data.versions : [];
  const current = versions.find((entry) => entry.version === selected);
  const previous = current ? versions.find((entry) => entry.version < current.version) : undefined;
  const wanted = [current?.version, compare === 'previous' ? previous?.version : undefined].filter((entry): entry is number => entry !== undefined);

  // Version documents never change, so each is fetched once and kept.
  const missing = wanted.filter((version) => !documents.has(version)).join(',');
  useEffect(() => {
    if (missing === '') return;
    const controller = new AbortController();
    setDocumentError(null);
    Promise.all(missing.split(',').map(async (entry) => [Number(entry), (await getVersion(flowId, Number(entry), controller.signal)).document] as const)).then(
      (loaded) => setDocuments((known) => new Map([...known, ...loaded])),
      (error: unknown) => !controller.signal.aborted && setDocumentError(errorText(error)),
    );
    return () => controller.abort();
  }, [flowId, missing]);

  const doRollback = async (version: VersionSummary) => {
    setRollback({ busy: true });
    try {
      const created = await rollbackFlow(flowId, version.version);
      setRollback({ busy: false, done: `Rolled back: version ${created.version} now runs what version ${version.version} ran.` });
      setSelected(created.version);
      setReloads((count) => count + 1);
      onRolledBack();
    } catch (error) {
      setRollback({ busy: false, error: errorText(error) });
    }
  };

  if (list.status === 'loading') return <p className="history__note">Loading versions…</p>;
  if (list.status === 'failed') return <p className="history__note history__note--error" role="alert">{list.error}</p>;
  if (versions.length === 0) return <p className="history__note">Not published yet: versions appear here once you publish.</p>;

  const activeVersion = list.data.activeVersion;
  const selectedDocument = current ? documents.get(current.version) : undefined;
  const previousDocument = previous ? documents.get(previous.version) : undefined;
  let diffView = null;
  if (current && selectedDocument) {
    if (compare === 'draft') diffView = <DiffView diff={diffFlows(selectedDocument, draft)} beforeLabel={`v${current.version}`} afterLabel="the draft" />;
    else if (!previous) diffView = <p className="diff__none">Version {current.version} is the first one: nothing before it to compare with.</p>;
    else if (previousDocument) diffView = <DiffView diff={diffFlows(previousDocument, selectedDocument)} beforeLabel={`v${previous.version}`} afterLabel={`v${current.version}`} />;
  }

  return (
    <div className="history">
      <ol className="history__versions" aria-label="Published versions">
        {versions.map((entry) => (
          <li key={entry.version}>
            <button
              type="button"
              className={`list-button history__version${entry.version === selected ? ' is-selected' : ''}`}
              aria-current={entry.version === selected ? 'true' : undefined}
              data-version={entry.version}
              onClick={() => {
                setSelected(entry.version);
                setRollback({ busy: false });
              }}
            >
              <span className="history__row">
                <strong>v{entry.version}</strong>
                {entry.version === activeVersion && <span className="badge badge--published">live</span>}
                {entry.rolledBackFrom !== null && <span className="badge badge--draft">rollback of v{entry.rolledBackFrom}</span>}
              </span>
              <span className="history__comment">{entry.comment}</span>
              <span className="history__meta">
                {when(entry.publishedAt)}
                {entry.publishedBy ? ` · ${entry.publishedBy}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ol>

      <section className="history__detail" aria-label="Version details">
        {current && (
          <>
            <header className="history__detail-header">
              <div className="history__compare" role="radiogroup" aria-label="Compare with">
                <span>Compare v{current.version} with</span>
                {(['draft', 'previous'] as const).map((mode) => (
                  <label key={mode} className="check">
                    <input type="radio" name={`compare-${flowId}`} checked={compare === mode} onChange={() => setCompare(mode)} />
                    {mode === 'draft' ? 'the draft' : previous ? `v${previous.version} (previous)` : 'the previous version'}
                  </label>
                ))}
              </div>
              <button
                type="button"
                className="button button--primary"
                disabled={rollback.busy || current.version === activeVersion}
                title={current.version === activeVersion ? 'This version is already live' : `Publish version ${current.version} again`}
                onClick={() => void doRollback(current)}
              >
                {rollback.busy ? 'Rolling back…' : `Roll back to this version`}
              </button>
            </header>
            {rollback.error && <p className="history__note history__note--error" role="alert">{rollback.error}</p>}
            {rollback.done && <p className="history__note history__note--ok" role="status">{rollback.done}</p>}
            {documentError && <p className="history__note history__note--error" role="alert">{documentError}</p>}
            {diffView ?? (!documentError && <p className="history__note">Loading version {current.version}…</p>)}
          </>
        )}
      </section>
    </div>
  );
}
