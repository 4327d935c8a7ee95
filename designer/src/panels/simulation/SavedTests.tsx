import type { PathChange, SavedTest } from './saved-tests.ts';

/** What "Run all" found for one saved test. */
export type RunAllEntry = { status: string; change: PathChange; at?: number; previous?: string[]; path: string[] } | { error: string };

interface SavedTestsProps {
  tests: readonly SavedTest[];
  results: Readonly<Record<string, RunAllEntry>>;
  running: boolean;
  onLoad(test: SavedTest): void;
  onRun(test: SavedTest): void;
  onDelete(test: SavedTest): void;
  onRunAll(): void;
}

const CHANGE_LABELS: Record<PathChange, string> = { 'first-run': 'first run', same: 'same path', changed: 'path changed' };

/** The flow's saved test messages: load, run or delete one, or run them all and see whose path changed. */
export function SavedTests({ tests, results, running, onLoad, onRun, onDelete, onRunAll }: SavedTestsProps) {
  if (tests.length === 0) return <p className="panel__note">No saved tests yet: name the message above and save it.</p>;
  return (
    <>
      <ul className="saved-tests">
        {tests.map((test) => {
          const result = results[test.name];
          return (
            <li key={test.name} className="saved-tests__item" data-test-name={test.name}>
              <div className="saved-tests__row">
                <span className="saved-tests__name" title={test.sample.text}>
                  {test.name}
                </span>
                {result && <RunAllBadge entry={result} />}
                <span className="saved-tests__actions">
                  <button type="button" className="button button--small" onClick={() => onLoad(test)} aria-label={`Load ${test.name}`}>
                    Load
                  </button>
                  <button type="button" className="button button--small" disabled={running} onClick={() => onRun(test)} aria-label={`Run ${test.name}`}>
                    Run
                  </button>
                  <button type="button" className="icon-button icon-button--danger" onClick={() => onDelete(test)} aria-label={`Delete ${test.name}`}>
                    ✕
                  </button>
                </span>
              </div>
              {result && 'path' in result && result.change === 'changed' && (
                <p className="saved-tests__diff">
                  was <code>{result.previous?.join(' › ') || '(no steps)'}</code>, now <code>{result.path.join(' › ') || '(no steps)'}</code>
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" className="button" disabled={running} onClick={onRunAll}>
        Run all ({tests.length})
      </button>
    </>
  );
}

function RunAllBadge({ entry }: { entry: RunAllEntry }) {
  if ('error' in entry) {
    return (
      <span className="badge badge--changed" title={entry.error}>
        failed
      </span>
    );
  }
  return <span className={`badge badge--${entry.change}`}>{CHANGE_LABELS[entry.change]}</span>;
}
