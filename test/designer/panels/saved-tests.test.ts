import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../designer/src/panels/simulation/sample-message.ts';
import {
  comparePaths,
  deleteTest,
  loadSavedTests,
  recordPath,
  storageKey,
  tracePath,
  upsertTest,
  writeSavedTests,
  type TestStorage,
} from '../../../designer/src/panels/simulation/saved-tests.ts';

function memory(): TestStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const [billing, messenger] = PRESETS;

describe('saved tests', () => {
  it('writes a run’s path as node:port, with - where it stopped', () => {
    expect(tracePath([{ nodeId: 'start', port: 'mention' }, { nodeId: 'route', port: 'billing' }, { nodeId: 'end', port: null }])).toEqual([
      'start:mention',
      'route:billing',
      'end:-',
    ]);
  });

  it('tells a first run, the same path and a changed path (and where it changed)', () => {
    expect(comparePaths(undefined, ['a:out'])).toEqual({ change: 'first-run' });
    expect(comparePaths(['a:out', 'b:yes'], ['a:out', 'b:yes'])).toEqual({ change: 'same' });
    expect(comparePaths(['a:out', 'b:yes'], ['a:out', 'b:no'])).toEqual({ change: 'changed', at: 1 });
    expect(comparePaths(['a:out'], ['a:out', 'b:yes'])).toEqual({ change: 'changed', at: 1 });
    expect(comparePaths(['a:out', 'b:yes'], ['a:out'])).toEqual({ change: 'changed', at: 1 });
  });

  it('keeps tests per flow in storage, and survives garbage there', () => {
    const storage = memory();
    const tests = upsertTest(upsertTest([], 'billing', billing.sample), 'dm', messenger.sample);
    writeSavedTests(storage, 'care', tests);
    expect(storage.items.has(storageKey('care'))).toBe(true);
    expect(loadSavedTests(storage, 'care')).toEqual(tests);
    expect(loadSavedTests(storage, 'other')).toEqual([]);
    storage.setItem(storageKey('broken'), '{not json');
    expect(loadSavedTests(storage, 'broken')).toEqual([]);
    storage.setItem(storageKey('mixed'), JSON.stringify([{ name: 'x' }, tests[0], 42]));
    expect(loadSavedTests(storage, 'mixed')).toEqual([tests[0]]);
  });

  it('records the last path, forgets it when a test is saved again, and deletes by name', () => {
    let tests = upsertTest([], 'billing', billing.sample);
    tests = recordPath(tests, 'billing', ['start:mention'], '2026-03-02T10:00:00.000Z');
    expect(tests[0]).toMatchObject({ lastPath: ['start:mention'], lastRunAt: '2026-03-02T10:00:00.000Z' });
    tests = upsertTest(tests, 'billing', { ...billing.sample, text: 'changed' });
    expect(tests).toHaveLength(1);
    expect(tests[0].lastPath).toBeUndefined();
    expect(deleteTest(tests, 'billing')).toEqual([]);
  });
});
