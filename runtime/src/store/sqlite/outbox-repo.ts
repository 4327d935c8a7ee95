import type { PlatformAction } from '../../engine/types.ts';
import { NotFoundError, type OutboxRecord, type OutboxRepo, type OutboxStatus } from '../types.ts';
import type { Db } from './db.ts';
import { addSeconds, FilteredQuery, fromJson, optional, toJson } from './rows.ts';

interface OutboxRow {
  id: string;
  execution_id: string | null;
  interaction_id: string | null;
  action: PlatformAction['action'];
  channel: PlatformAction['channel'];
  account: string;
  visibility: PlatformAction['visibility'] | null;
  text: string | null;
  target: string;
  retry_for_seconds: number;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  deadline_at: string;
  last_error: string | null;
  platform_result_id: string | null;
  delivery_status?: string | null;
  delivery_error?: string | null;
  created_at: string;
  updated_at: string;
}

type OutboxFilter = Parameters<OutboxRepo['list']>[0];

const COLUMNS =
  'id, execution_id, interaction_id, action, channel, account, visibility, text, target, retry_for_seconds, status, attempts, ' +
  'next_attempt_at, deadline_at, last_error, platform_result_id, created_at, updated_at';

/** Delivery reports are written by their own statement; inserts leave them empty. */
const SELECT_COLUMNS = `${COLUMNS}, delivery_status, delivery_error`;

function toOutbox(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    executionId: optional(row.execution_id),
    interactionId: optional(row.interaction_id),
    action: row.action,
    channel: row.channel,
    account: row.account,
    visibility: optional(row.visibility),
    text: optional(row.text),
    target: fromJson<PlatformAction['target']>(row.target),
    retryForSeconds: row.retry_for_seconds,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deadlineAt: row.deadline_at,
    lastError: optional(row.last_error),
    platformResultId: optional(row.platform_result_id),
    deliveryStatus: optional(row.delivery_status ?? null),
    deliveryError: optional(row.delivery_error ?? null),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Platform actions waiting to be sent. An item is pending until sent, retried
 * until its deadline (first enqueue + retryForSeconds), then dead.
 */
export class SqliteOutboxRepo implements OutboxRepo {
  private readonly selectOne;
  private readonly delivery;
  private readonly selectDue;
  private readonly selectNextDue;
  private readonly insertRow;
  private readonly sent;
  private readonly failed;
  private readonly query: FilteredQuery<OutboxFilter, OutboxRow>;

  constructor(db: Db) {
    this.delivery = db.prepare<[string, string | null, string, string, string]>(
      'UPDATE outbox SET delivery_status = ?, delivery_error = ?, updated_at = ? WHERE channel = ? AND platform_result_id = ?',
    );
    this.selectOne = db.prepare<[string], OutboxRow>(`SELECT ${SELECT_COLUMNS} FROM outbox WHERE id = ?`);
    this.selectDue = db.prepare<[string, number], OutboxRow>(
      `SELECT ${SELECT_COLUMNS} FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, rowid LIMIT ?`,
    );
    this.selectNextDue = db.prepare<[], string | null>(`SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'`).pluck();
    this.insertRow = db.prepare<[OutboxRow]>(
      `INSERT INTO outbox (${COLUMNS}) VALUES (${COLUMNS.split(', ').map((column) => `@${column}`).join(', ')})`,
    );
    this.sent = db.prepare<[string, string | null, string]>(
      `UPDATE outbox SET status = 'sent', attempts = attempts + 1, updated_at = ?, platform_result_id = ? WHERE id = ?`,
    );
    this.failed = db.prepare<{ id: string; at: string; error: string; next: string | null }, OutboxRow>(
      `UPDATE outbox SET
         attempts = attempts + 1,
         last_error = @error,
         updated_at = @at,
         status = CASE WHEN @next IS NOT NULL AND @next <= deadline_at THEN 'pending' ELSE 'dead' END,
         next_attempt_at = CASE WHEN @next IS NOT NULL AND @next <= deadline_at THEN @next ELSE next_attempt_at END
       WHERE id = @id RETURNING ${SELECT_COLUMNS}`,
    );
    this.query = new FilteredQuery<OutboxFilter, OutboxRow>(
      db,
      `SELECT ${SELECT_COLUMNS} FROM outbox`,
      { status: 'status = @status', executionId: 'execution_id = @executionId', interactionId: 'interaction_id = @interactionId' },
      'created_at DESC, rowid DESC',
    );
  }

  get(id: string): OutboxRecord | undefined {
    const row = this.selectOne.get(id);
    return row && toOutbox(row);
  }

  due(now: string, limit: number): OutboxRecord[] {
    return this.selectDue.all(now, limit).map(toOutbox);
  }

  nextDueAt(): string | undefined {
    return optional(this.selectNextDue.get() ?? null);
  }

  markSent(id: string, at: string, platformResultId?: string): void {
    if (this.sent.run(at, platformResultId ?? null, id).changes === 0) throw new NotFoundError(`outbox item ${id} does not exist`);
  }

  markDelivery(channel: string, platformResultId: string, status: string, error?: string): boolean {
    return this.delivery.run(status, error ?? null, new Date().toISOString(), channel, platformResultId).changes > 0;
  }

  markFailed(id: string, at: string, error: string, nextAttemptAt: string | undefined): OutboxRecord {
    const row = this.failed.get({ id, at, error, next: nextAttemptAt ?? null });
    if (!row) throw new NotFoundError(`outbox item ${id} does not exist`);
    return toOutbox(row);
  }

  list(filter: OutboxFilter): OutboxRecord[] {
    return this.query.all(filter).map(toOutbox);
  }

  /** Queues an action for its first attempt at `at`. Part of a run's commit. */
  enqueue(action: PlatformAction & { id: string }, owner: { executionId?: string; interactionId?: string }, at: string): void {
    this.insertRow.run({
      id: action.id,
      execution_id: owner.executionId ?? null,
      interaction_id: owner.interactionId ?? null,
      action: action.action,
      channel: action.channel,
      account: action.account,
      visibility: action.visibility ?? null,
      text: action.text ?? null,
      target: toJson(action.target),
      retry_for_seconds: action.retryForSeconds,
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      deadline_at: addSeconds(at, action.retryForSeconds),
      last_error: null,
      platform_result_id: null,
      created_at: at,
      updated_at: at,
    });
  }
}
