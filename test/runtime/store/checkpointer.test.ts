import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOUND_PAGES, Checkpointer } from '../../../runtime/src/store/sqlite/checkpointer.ts';
import { AUTOCHECKPOINT_PAGES, openDatabase, type Db } from '../../../runtime/src/store/sqlite/db.ts';
import { openSqliteStore } from '../../../runtime/src/store/sqlite/index.ts';
import { flow } from './fixtures.ts';
import { tempDir } from './fixtures.ts';

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Checkpointer (WAL checkpoints from a worker thread)', () => {
  let temp: ReturnType<typeof tempDir>;
  let db: Db;
  let path: string;
  beforeEach(() => {
    temp = tempDir();
    path = join(temp.dir, 'store.db');
    db = openDatabase(path);
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT)');
  });
  afterEach(() => {
    if (db.open) db.close();
    temp.cleanup();
  });

  const write = (rows: number) => {
    const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run('x'.repeat(2000));
    })();
  };
  const fileBytes = () => statSync(path).size;

  it('leaves inline checkpoints only as a bound and copies the log into the database file from the worker', async () => {
    const checkpointer = new Checkpointer(db, path, { intervalMs: 20 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BOUND_PAGES);
    const before = fileBytes();
    write(2000);
    // 4 MB is far below the bound: only the worker makes the file itself grow.
    await until(() => fileBytes() > before + 2_000_000);
    checkpointer.stop();
  });

  it('closes the worker\'s connection before the store\'s, so closing the store leaves no log file behind', () => {
    db.close();
    const store = openSqliteStore(path);
    store.flows.create(flow());
    store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = openSqliteStore(path);
    expect(reopened.flows.get('care')).toBeDefined();
    reopened.close();
  });

  it('gives inline checkpoints back to the connection when the worker dies', async () => {
    const logged: string[] = [];
    const checkpointer = new Checkpointer(db, path, { intervalMs: 20, log: (message) => logged.push(message) });
    await (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === AUTOCHECKPOINT_PAGES);
    expect(logged.join('\n')).toMatch(/checkpoints inline again/);
  });
});
