import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorText, simulateFlow, type SimulatedStep, type SimulationResult } from '../../api/client.ts';
import type { Flow } from '../../../../schemas/flow.ts';
import { CHANNELS, MESSAGE_KINDS, type Channel, type MessageKind } from '../../../../schemas/message.ts';
import '../panels.css';
import { RunResult } from './RunResult.tsx';
import { buildMessage, clockTimeToIso, EMPTY_SAMPLE, newPlatformMessageId, PRESETS, withChannel, type SampleMessage } from './sample-message.ts';
import { comparePaths, deleteTest, loadSavedTests, recordPath, tracePath, upsertTest, writeSavedTests, type SavedTest, type TestStorage } from './saved-tests.ts';
import { SavedTests, type RunAllEntry } from './SavedTests.tsx';

/** What the canvas lights: the steps, and what the run would send and where it would go. */
export interface SimulationTrace {
  steps: SimulatedStep[];
  outbox: unknown[];
  route: unknown;
}

export interface TestPanelProps {
  flowId: string;
  /** The draft as last saved or being edited: its trigger accounts and node names are used. */
  draft: Flow;
  /** The draft has unsaved edits: the run would test the saved version. */
  dirty?: boolean;
  onTrace(trace: SimulationTrace | null): void;
  /** Where saved tests live; the browser's localStorage by default. */
  storage?: TestStorage;
}

const memoryStorage = (): TestStorage => {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
};

function browserStorage(): TestStorage {
  try {
    return globalThis.localStorage ?? memoryStorage();
  } catch {
    return memoryStorage(); // storage blocked by the browser's privacy settings
  }
}

/** Try a sample message on the saved draft with the simulate API: the path, the replies and the queue; saved tests per flow. */
export function TestPanel({ flowId, draft, dirty = false, onTrace, storage: given }: TestPanelProps) {
  const [storage] = useState(() => given ?? browserStorage());
  const [sample, setSample] = useState<SampleMessage>(() => ({ ...EMPTY_SAMPLE, account: draft.trigger.accounts[0] ?? '' }));
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [tests, setTests] = useState<SavedTest[]>(() => loadSavedTests(storage, flowId));
  const [runAll, setRunAll] = useState<Record<string, RunAllEntry>>({});
  const [saveName, setSaveName] = useState('');
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    setTests(loadSavedTests(storage, flowId));
    setRunAll({});
    setResult(null);
    return () => abort.current?.abort();
  }, [storage, flowId]);

  const accounts = draft.trigger.accounts;
  const update = (patch: Partial<SampleMessage>) => setSample((current) => ({ ...current, ...patch }));
  const updateAuthor = (patch: Partial<SampleMessage['author']>) => setSample((current) => ({ ...current, author: { ...current.author, ...patch } }));
  const keepTests = (change: (current: SavedTest[]) => SavedTest[]) =>
    setTests((current) => {
      const next = change(current);
      writeSavedTests(storage, flowId, next);
      return next;
    });

  const simulate = (message: SampleMessage, signal: AbortSignal) => {
    const at = clockTimeToIso(message.at);
    return simulateFlow(flowId, { message: buildMessage(message, accounts, newPlatformMessageId()), ...(at ? { at } : {}) }, signal);
  };

  /** Runs one message; the result is shown and lit on the canvas. Returns it for a saved test to record its path. */
  const runOne = async (message: SampleMessage): Promise<SimulationResult | null> => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setError(null);
    try {
      const outcome = await simulate(message, controller.signal);
      setResult(outcome);
      onTrace({ steps: outcome.steps, outbox: outcome.outbox, route: outcome.route });
      return outcome;
    } catch (failure) {
      if (controller.signal.aborted) return null;
      setResult(null);
      setError(errorText(failure));
      onTrace(null);
      return null;
    } finally {
      if (abort.current === controller) setRunning(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void runOne(sample);
  };

  const runSaved = async (test: SavedTest) => {
    setSample(test.sample);
    const outcome = await runOne(test.sample);
    if (!outcome) return;
    const path = tracePath(outcome.steps);
    setRunAll((current) => ({ ...current, [test.name]: { status: outcome.status, ...comparePaths(test.lastPath, path), previous: test.lastPath, path } }));
    keepTests((current) => recordPath(current, test.name, path, new Date().toISOString()));
  };

  const runEvery = async () => {
    setRunning(true);
    const controller = new AbortController();
    abort.current?.abort();
    abort.current = controller;
    const paths: Array<[string, string[]]> = [];
    const found: Record<string, RunAllEntry> = {};
    for (const test of tests) {
      try {
        const outcome = await simulate(test.sample, controller.signal);
        const path = tracePath(outcome.steps);
        found[test.name] = { status: outcome.status, ...comparePaths(test.lastPath, path), previous: test.lastPath, path };
        paths.push([test.name, path]);
      } catch (failure) {
        if (controller.signal.aborted) return;
        found[test.name] = { error: errorText(failure) };
      }
      setRunAll({ ...found });
    }
    const now = new Date().toISOString();
    keepTests((current) => paths.reduce((next, [name, path]) => recordPath(next, name, path, now), current));
    if (abort.current === controller) setRunning(false);
  };

  const name = saveName.trim();
  return (
    <section className="panel test-panel" aria-label="Test">
      <p className={dirty ? 'panel__note panel__note--warning' : 'panel__note'} role={dirty ? 'alert' : undefined}>
        {dirty
          ? 'You have unsaved changes: a test runs the last saved draft. Save first to test them.'
          : 'Runs the saved draft: nothing is stored or sent.'}
      </p>

      <div className="test-panel__presets" role="group" aria-label="Sample messages">
        {PRESETS.map((preset) => (
          <button key={preset.name} type="button" className="button button--small" onClick={() => setSample({ ...preset.sample, account: sample.account, at: sample.at })}>
            {preset.name}
          </button>
        ))}
      </div>

      <form className="test-panel__form" onSubmit={onSubmit}>
        <div className="field-row">
          <Select label="Channel" value={sample.channel} options={CHANNELS} onChange={(channel: Channel) => setSample((current) => withChannel(current, channel))} />
          <Select label="Visibility" value={sample.visibility} options={['public', 'private'] as const} onChange={(visibility) => update({ visibility })} />
          <Select label="Kind" value={sample.kind} options={MESSAGE_KINDS} onChange={(kind: MessageKind) => update({ kind })} />
        </div>
        <Select label="Account" value={accounts.includes(sample.account) ? sample.account : (accounts[0] ?? '')} options={accounts} onChange={(account) => update({ account })} />
        <div className="field-row">
          <Text label="Author id" value={sample.author.id} onChange={(id) => updateAuthor({ id })} />
          <Text label="Handle" value={sample.author.handle} onChange={(handle) => updateAuthor({ handle })} />
          <Text label="Name" value={sample.author.name} onChange={(authorName) => updateAuthor({ name: authorName })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="test-text">
            Message text
          </label>
          <textarea id="test-text" className="field__control" rows={3} value={sample.text} onChange={(event) => update({ text: event.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="test-at">
            Clock time
          </label>
          <input id="test-at" className="field__control" type="datetime-local" value={sample.at} onChange={(event) => update({ at: event.target.value })} />
          <p className="field__help">Your local time; empty means now.</p>
        </div>
        <div className="test-panel__actions">
          <button type="submit" className="button button--primary" disabled={running}>
            {running ? 'Running…' : 'Run'}
          </button>
          {result && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setResult(null);
                onTrace(null);
              }}
            >
              Clear path
            </button>
          )}
        </div>
      </form>

      {error && (
        <p className="panel__note panel__note--error" role="alert">
          {error}
        </p>
      )}
      {result && <RunResult result={result} flow={draft} />}

      <h3 className="panel__subtitle">Saved tests</h3>
      <form
        className="test-panel__save"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name) return;
          keepTests((current) => upsertTest(current, name, sample));
          setSaveName('');
        }}
      >
        <input className="field__control" aria-label="Test name" placeholder="Test name" value={saveName} onChange={(event) => setSaveName(event.target.value)} />
        <button type="submit" className="button button--small" disabled={!name}>
          {tests.some((test) => test.name === name) ? 'Replace' : 'Save test'}
        </button>
      </form>
      <SavedTests
        tests={tests}
        results={runAll}
        running={running}
        onLoad={(test) => setSample(test.sample)}
        onRun={(test) => void runSaved(test)}
        onDelete={(test) => keepTests((current) => deleteTest(current, test.name))}
        onRunAll={() => void runEvery()}
      />
    </section>
  );
}

function Select<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly T[]; onChange(value: T): void }) {
  const id = `test-${label.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__control"
        value={value}
        // The options are exactly `options`, so the chosen value is one of them.
        onChange={(event) => onChange(options.find((option) => option === event.target.value) ?? value)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

function Text({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  const id = `test-${label.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="field__control" type="text" value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}
