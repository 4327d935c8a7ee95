import type { Store } from '../types.ts';
import { SqliteContactRepo } from './contact-repo.ts';
import { openDatabase } from './db.ts';
import { SqliteExecutionRepo } from './execution-repo.ts';
import { SqliteFlowRepo } from './flow-repo.ts';
import { SqliteInteractionRepo } from './interaction-repo.ts';
import { SqliteMessageRepo } from './message-repo.ts';
import { SqliteOutboxRepo } from './outbox-repo.ts';
import { SqliteResourceRepo } from './resource-repo.ts';

/**
 * The embedded store: one better-sqlite3 connection, a file (or ':memory:').
 * Everything is synchronous, so `transaction(work)` needs a synchronous `work`;
 * it takes the write lock up front (BEGIN IMMEDIATE) so a read-then-write in
 * `work` cannot fail on a snapshot another process moved.
 */
export function openSqliteStore(path: string): Store {
  const db = openDatabase(path);
  const messages = new SqliteMessageRepo(db);
  const interactions = new SqliteInteractionRepo(db);
  const outbox = new SqliteOutboxRepo(db);
  return {
    flows: new SqliteFlowRepo(db),
    resources: new SqliteResourceRepo(db),
    contacts: new SqliteContactRepo(db),
    messages,
    interactions,
    executions: new SqliteExecutionRepo(db, { messages, interactions, outbox }),
    outbox,
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
    close: () => db.close(),
  };
}

export { openDatabase, migrate, appliedMigrations } from './db.ts';
