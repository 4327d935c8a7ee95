import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../runtime/src/store/index.ts';
import { appliedMigrations, migrate, openDatabase } from '../../../runtime/src/store/sqlite/index.ts';
import { MIGRATIONS } from '../../../runtime/src/store/sqlite/migrations/index.ts';
import { flow, tempDir } from './fixtures.ts';

describe('openDatabase', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it('creates the parent folder and turns on WAL, NORMAL sync, foreign keys, a busy timeout and temporary storage in memory', () => {
    const path = join(temp.dir, 'nested', 'deeper', 'switchyard.db');
    const db = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // 2 = MEMORY: savepoints' sub-journals are not written to temporary files.
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
  });

  it('applies every migration once and nothing on reopening the file', () => {
    const path = join(temp.dir, 'switchyard.db');
    const store = openStore(path);
    store.flows.create(flow());
    store.close();

    const db = openDatabase(path);
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(migrate(db)).toEqual([]);
    db.close();

    const reopened = openStore(path);
    expect(reopened.flows.get('care')?.revision).toBe(1);
    reopened.close();
  });

  it('rolls back a migration that fails part way, leaving earlier ones applied', () => {
    const db = openDatabase(':memory:');
    const broken = { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (a TEXT); INSERT INTO no_such_table VALUES (1);' };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/no_such_table/);
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('opens an in-memory database', () => {
    const store = openStore(':memory:');
    expect(store.flows.list()).toEqual([]);
    store.close();
  });
});

describe('Store.transaction', () => {
  it('writes everything or nothing, and nested calls join the outer one', () => {
    const store = openStore(':memory:');
    expect(() =>
      store.transaction(() => {
        store.flows.create(flow({ id: 'one' }));
        store.transaction(() => store.flows.create(flow({ id: 'two' })));
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(store.flows.list()).toEqual([]);

    const count = store.transaction(() => {
      store.flows.create(flow({ id: 'one' }));
      store.transaction(() => store.flows.create(flow({ id: 'two' })));
      return store.flows.list().length;
    });
    expect(count).toBe(2);
    expect(store.flows.list().map((record) => record.id)).toEqual(['one', 'two']);
    store.close();
  });
});
