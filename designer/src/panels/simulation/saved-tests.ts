import { CHANNELS, MESSAGE_KINDS } from '../../../../schemas/message.ts';
import type { SampleMessage } from './sample-message.ts';

/** A named sample message kept per flow, with the path its last run took. */
export interface SavedTest {
  name: string;
  sample: SampleMessage;
  /** `node:port` per step of the last run; absent until it has run. */
  lastPath?: string[];
  lastRunAt?: string;
}

export type PathChange = 'first-run' | 'same' | 'changed';

/** The part of localStorage the saved tests use (tests pass an in-memory one). */
export interface TestStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** A run's path: each step's node and the port it left by (`-` when it stopped there). */
export function tracePath(steps: ReadonlyArray<{ nodeId: string; port: string | null }>): string[] {
  return steps.map((step) => `${step.nodeId}:${step.port ?? '-'}`);
}

/** Whether a run took the same path as last time, and where it first went another way. */
export function comparePaths(previous: readonly string[] | undefined, current: readonly string[]): { change: PathChange; at?: number } {
  if (previous === undefined) return { change: 'first-run' };
  const length = Math.max(previous.length, current.length);
  for (let at = 0; at < length; at++) {
    if (previous[at] !== current[at]) return { change: 'changed', at };
  }
  return { change: 'same' };
}

export function storageKey(flowId: string): string {
  return `switchyard:tests:${flowId}`;
}

function isStringRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSample(value: unknown): value is SampleMessage {
  if (!isStringRecord(value) || !isStringRecord(value.author)) return false;
  const { author } = value;
  return (
    CHANNELS.some((channel) => channel === value.channel) &&
    (value.visibility === 'public' || value.visibility === 'private') &&
    MESSAGE_KINDS.some((kind) => kind === value.kind) &&
    typeof value.account === 'string' &&
    typeof value.text === 'string' &&
    typeof value.at === 'string' &&
    typeof author.id === 'string' &&
    typeof author.handle === 'string' &&
    typeof author.name === 'string'
  );
}

function isSavedTest(value: unknown): value is SavedTest {
  if (!isStringRecord(value) || typeof value.name !== 'string' || !isSample(value.sample)) return false;
  const path = value.lastPath;
  return path === undefined || (Array.isArray(path) && path.every((entry) => typeof entry === 'string'));
}

/** The flow's saved tests; anything unreadable in storage (an older format, a hand edit) is skipped, not thrown. */
export function loadSavedTests(storage: TestStorage, flowId: string): SavedTest[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(storageKey(flowId)) ?? '[]');
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isSavedTest) : [];
}

export function writeSavedTests(storage: TestStorage, flowId: string, tests: readonly SavedTest[]): void {
  storage.setItem(storageKey(flowId), JSON.stringify(tests));
}

/** Saves under `name`; a test of that name is replaced and, its message being new, forgets its last path. */
export function upsertTest(tests: readonly SavedTest[], name: string, sample: SampleMessage): SavedTest[] {
  const test: SavedTest = { name, sample };
  const at = tests.findIndex((entry) => entry.name === name);
  return at === -1 ? [...tests, test] : tests.map((entry, index) => (index === at ? test : entry));
}

export function deleteTest(tests: readonly SavedTest[], name: string): SavedTest[] {
  return tests.filter((entry) => entry.name !== name);
}

export function recordPath(tests: readonly SavedTest[], name: string, path: string[], at: string): SavedTest[] {
  return tests.map((entry) => (entry.name === name ? { ...entry, lastPath: path, lastRunAt: at } : entry));
}
