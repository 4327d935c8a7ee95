import './resources.css';
import { useCallback, useEffect, useState } from 'react';
import type { Resource, ResourceKind } from '../../../schemas/resources/index.ts';
import { errorText, listResources, setFlag } from '../api/client.ts';
import { FlagSwitch } from './FlagEditor.tsx';
import { blankResource, KIND_INFO, KIND_ORDER } from './kinds.ts';
import { ResourceEditor } from './ResourceEditor.tsx';
import { resourceSummary } from './summary.ts';

type Selection = { kind: ResourceKind; id: string | null } | null;
type Loaded = { status: 'loading' } | { status: 'failed'; error: string } | { status: 'ready'; resources: Resource[] };

const byName = (a: Resource, b: Resource) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export interface ResourcesPageProps {
  /** The kind shown first; schedules when absent. */
  initialKind?: ResourceKind;
  /** Resources already in hand (markup tests, a host that loaded them); the page fetches them otherwise. */
  initialResources?: Resource[];
}

/**
 * Everything flows refer to by id: a list per kind and an editor for the
 * selected one. Emergency flags flip from the list at once; everything else
 * is saved with the editor's button.
 */
export function ResourcesPage({ initialKind = 'schedule', initialResources }: ResourcesPageProps) {
  const [loaded, setLoaded] = useState<Loaded>(initialResources ? { status: 'ready', resources: initialResources } : { status: 'loading' });
  const [kind, setKind] = useState<ResourceKind>(initialKind);
  const [selection, setSelection] = useState<Selection>(null);
  const [flagBusy, setFlagBusy] = useState<string | null>(null);
  const [flagError, setFlagError] = useState<string | null>(null);
  // A created resource reopens as an existing one (a new editor); this carries the confirmation across.
  const [created, setCreated] = useState<string | null>(null);

  useEffect(() => {
    if (initialResources) return;
    const controller = new AbortController();
    listResources(undefined, controller.signal).then(
      (resources) => setLoaded({ status: 'ready', resources }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ status: 'failed', error: errorText(error) });
      },
    );
    return () => controller.abort();
  }, [initialResources]);

  const all = loaded.status === 'ready' ? loaded.resources : [];
  const replace = useCallback((resource: Resource) => {
    setLoaded((current) =>
      current.status !== 'ready'
        ? current
        : { status: 'ready', resources: [...current.resources.filter((entry) => entry.kind !== resource.kind || entry.id !== resource.id), resource] },
    );
  }, []);

  const toggleFlag = async (id: string, active: boolean) => {
    setFlagBusy(id);
    setFlagError(null);
    try {
      replace(await setFlag(id, active));
    } catch (error) {
      setFlagError(errorText(error));
    } finally {
      setFlagBusy(null);
    }
  };

  const ofKind = all.filter((resource) => resource.kind === kind).sort(byName);
  const selected = selection?.id ? all.find((resource) => resource.kind === selection.kind && resource.id === selection.id) : undefined;

  return (
    <div className="resources">
      <nav className="resources__kinds" aria-label="Resource kinds">
        <h2 className="sidebar__title">Resources</h2>
        <ul>
          {KIND_ORDER.map((entry) => (
            <li key={entry}>
              <button
                type="button"
                className={`list-button resources__kind${entry === kind ? ' is-selected' : ''}`}
                aria-current={entry === kind ? 'true' : undefined}
                data-kind={entry}
                onClick={() => {
                  setKind(entry);
                  setCreated(null);
                  setSelection(null);
                }}
              >
                <span>{KIND_INFO[entry].title}</span>
                <span className="resources__count">{all.filter((resource) => resource.kind === entry).length}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <section className="resources__list" aria-label={KIND_INFO[kind].title}>
        <header className="resources__list-header">
          <div>
            <h2 className="resources__list-title">{KIND_INFO[kind].title}</h2>
            <p className="resources__list-hint">{KIND_INFO[kind].hint}</p>
          </div>
          <button type="button" className="button button--primary button--small" onClick={() => setSelection({ kind, id: null })}>
            + New {KIND_INFO[kind].noun}
          </button>
        </header>
        {loaded.status === 'loading' && <p className="sidebar__note">Loading resources…</p>}
        {loaded.status === 'failed' && (
          <p className="sidebar__note sidebar__note--error" role="alert">
            {loaded.error}
          </p>
        )}
        {flagError && (
          <p className="sidebar__note sidebar__note--error" role="alert">
            {flagError}
          </p>
        )}
        {loaded.status === 'ready' && ofKind.length === 0 && <p className="sidebar__note">No {KIND_INFO[kind].title.toLowerCase()} yet.</p>}
        <ul className="resource-list">
          {ofKind.map((resource) => {
            const isSelected = selection?.kind === resource.kind && selection.id === resource.id;
            return (
              <li key={resource.id} className={`resource-list__item${isSelected ? ' is-selected' : ''}${resource.kind === 'flag' && resource.active ? ' is-alarm' : ''}`}>
                <button type="button" className="resource-list__open" aria-current={isSelected ? 'true' : undefined} data-id={resource.id} onClick={() => {
                    setCreated(null);
                    setSelection({ kind: resource.kind, id: resource.id });
                  }}>
                  <span className="resource-list__name">{resource.name}</span>
                  <span className="resource-list__id">{resource.id}</span>
                  <span className="resource-list__summary">{resourceSummary(resource)}</span>
                </button>
                {resource.kind === 'flag' && <FlagSwitch flag={resource} busy={flagBusy === resource.id} onToggle={(active) => void toggleFlag(resource.id, active)} />}
              </li>
            );
          })}
        </ul>
      </section>

      <main className="resources__editor">
        {selection === null && <p className="canvas__note">Pick a {KIND_INFO[kind].noun} to edit it, or create a new one.</p>}
        {selection !== null && selection.id === null && (
          <ResourceEditor
            key={`new:${selection.kind}`}
            initial={blankResource(selection.kind)}
            isNew
            all={all}
            onSaved={(resource) => {
              replace(resource);
              setCreated(`${resource.kind}:${resource.id}`);
              setSelection({ kind: resource.kind, id: resource.id });
            }}
            onDeleted={() => setSelection(null)}
            onCancel={() => setSelection(null)}
          />
        )}
        {selection !== null && selection.id !== null && selected && (
          <ResourceEditor
            key={`${selected.kind}:${selected.id}`}
            initial={selected}
            isNew={false}
            all={all}
            onSaved={replace}
            notice={created === `${selected.kind}:${selected.id}` ? `Created ${KIND_INFO[selected.kind].noun} “${selected.name}”.` : undefined}
            onDeleted={(resource) => {
              setLoaded((current) => (current.status === 'ready' ? { status: 'ready', resources: current.resources.filter((entry) => entry.kind !== resource.kind || entry.id !== resource.id) } : current));
              setSelection(null);
            }}
            onCancel={() => setSelection(null)}
          />
        )}
      </main>
    </div>
  );
}
