import type { Store } from '../types.ts';
import { SqliteAcdRepo } from './acd-repo.ts';
import { SqliteContactRepo } from './contact-repo.ts';
import { Checkpointer } from './checkpointer.ts';
import { MEMORY, openDatabase } from './db.ts';
import { enlisting, GroupCommit } from './group-commit.ts';
import { SqliteExecutionRepo } from './execution-repo.ts';
import { SqliteFlowRepo } from './flow-repo.ts';
import { SqliteInteractionRepo } from './interaction-repo.ts';
import { SqliteMessageRepo } from './message-repo.ts';
import { SqliteOutboxRepo } from './outbox-repo.ts';
import { SqliteResourceRepo } from './resource-repo.ts';
import { SqliteUserRepo } from './user-repo.ts';

/**
 * The embedded store: one better-sqlite3 connection, a file (or ':memory:'),
 * and for a file a worker thread that checkpoints its WAL.
 * Everything is synchronous, so `transaction(work)` needs a synchronous `work`;
 * it takes the write lock up front (BEGIN IMMEDIATE) so a read-then-write in
 * `work` cannot fail on a snapshot another process moved.
 */
export function openSqliteStore(path: string, options: { log?: (message: string) => void } = {}): Store {
  const db = openDatabase(path);
  const group = new GroupCommit(db);
  const checkpointer = path === MEMORY ? undefined : new Checkpointer(db, path, { log: options.log });
  const messages = enlisting(new SqliteMessageRepo(db), group);
  const interactions = enlisting(new SqliteInteractionRepo(db), group);
  const outbox = enlisting(new SqliteOutboxRepo(db), group);
  return {
    flows: enlisting(new SqliteFlowRepo(db), group),
    resources: enlisting(new SqliteResourceRepo(db), group),
    contacts: enlisting(new SqliteContactRepo(db), group),
    messages,
    interactions,
    executions: enlisting(new SqliteExecutionRepo(db, { messages, interactions, outbox }), group),
    outbox,
    acd: enlisting(new SqliteAcdRepo(db), group),
    users: enlisting(new SqliteUserRepo(db), group),
    transaction: <T>(work: () => T): T => {
      group.enlist();
      return db.transaction(work)();
    },
    durable: () => group.durable(),
    close: () => {
      group.flush();
      checkpointer?.stop();
      db.close();
    },
  };
}

export { openDatabase, migrate, appliedMigrations } from './db.ts';
