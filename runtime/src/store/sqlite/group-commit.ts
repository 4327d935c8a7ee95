import type { Db } from './db.ts';

/**
 * Group commit: the first write of an event-loop turn opens a transaction,
 * every write of that turn joins it (each repo method still runs atomically,
 * as a savepoint), and one COMMIT at the end of the turn makes them all
 * durable. Under load a commit then carries dozens of runs instead of one,
 * and the index pages they share are written once. Callers that acknowledge
 * something to the outside await `durable()` first.
 */
export class GroupCommit {
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private scheduled = false;
  private readonly begin;
  private readonly commit;
  private readonly rollback;

  constructor(private readonly db: Db) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /** Makes sure a group transaction is open before a write. */
  enlist(): void {
    if (this.db.inTransaction) return;
    this.begin.run();
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Resolves once everything written so far is committed. */
  durable(): Promise<void> {
    if (!this.db.inTransaction) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Commits now (also called before closing the database). */
  flush(): void {
    this.scheduled = false;
    const waiters = this.waiters;
    this.waiters = [];
    if (!this.db.open || !this.db.inTransaction) {
      for (const waiter of waiters) waiter.resolve();
      return;
    }
    try {
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    for (const waiter of waiters) waiter.resolve();
  }
}

/** Makes every method of a repo enlist in the group transaction before it runs (wrapped once, not per call). */
export function enlisting<T extends object>(repo: T, group: GroupCommit): T {
  const methods = new Set<string>();
  for (let proto = Object.getPrototypeOf(repo); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') methods.add(name);
  }
  const target = repo as Record<string, unknown>;
  for (const name of methods) {
    const method = target[name];
    if (typeof method !== 'function') continue;
    Object.defineProperty(repo, name, {
      value: function (this: unknown, ...args: unknown[]) {
        group.enlist();
        return (method as (...inner: unknown[]) => unknown).apply(repo, args);
      },
      configurable: true,
      writable: true,
    });
  }
  return repo;
}
