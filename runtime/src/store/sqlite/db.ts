import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

export const MEMORY = ':memory:';

/** Pages of log after which a connection checkpoints by itself. */
export const AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Opens (creating if needed) the database at `path`, or an in-memory one for
 * ':memory:', and brings its schema up to date.
 *
 * WAL lets readers run beside the single writer; synchronous=NORMAL in WAL
 * mode stays consistent after a crash and only risks the last commits on power
 * loss, so a commit does not wait for the disk. The disk is synced at each
 * checkpoint instead, so checkpointing every 10,000 pages (about 40 MB of
 * WAL) instead of SQLite's 1,000 syncs ten times less often. (A store on a file hands checkpoints
 * to a worker thread, see checkpointer.ts; this setting is what the
 * connection falls back on.) The 64 MB page cache keeps the index pages a
 * commit touches in memory. Temporary storage is in memory too: every repo
 * call is a savepoint inside the group transaction, and SQLite keeps the
 * pages a savepoint may have to roll back in a sub-journal, a temporary file
 * by default, which came to ≈ 70 KB written a message, 8 times the log itself.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (path !== MEMORY) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Applies the migrations not applied yet, each in its own transaction; returns the versions it applied. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare<[number], number>('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare<[number, string, string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    // Immediate, and checked again inside: another process may be migrating the same file.
    const apply = db.transaction(() => {
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      applied.push(migration.version);
    });
    apply.immediate();
  }
  return applied;
}

/** The versions recorded in schema_migrations, ascending. */
export function appliedMigrations(db: Db): number[] {
  return db.prepare<[], number>('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
}
