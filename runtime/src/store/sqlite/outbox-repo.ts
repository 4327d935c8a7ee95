import type { PlatformAction } from '../../engine/types.ts';
import { newId } from '../../ids.ts';
import { NotFoundError, type ClaimedOutboxItem, type OutboxRecord, type OutboxRepo, type OutboxStatus } from '../types.ts';
import type { Db } from './db.ts';
import { addSeconds, FilteredQuery, fromJson, inJsonList, optional, prefixColumns, toJson, withIdList, type WithIdList } from './rows.ts';

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
  claim_id?: string | null;
  sending_since?: string | null;
  created_at: string;
  updated_at: string;
}

type OutboxFilter = Parameters<OutboxRepo['list']>[0];

const COLUMNS =
  'id, execution_id, interaction_id, action, channel, account, visibility, text, target, retry_for_seconds, status, attempts, ' +
  'next_attempt_at, deadline_at, last_error, platform_result_id, created_at, updated_at';

/** Delivery reports and claims are written by their own statements; inserts leave them empty. */
const SELECT_COLUMNS = `${COLUMNS}, delivery_status, delivery_error, claim_id, sending_since`;

/** Ends a claim: the attempt it was taken for is over. */
const END_CLAIM = 'claim_id = NULL, sending_since = NULL';

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
    sendingSince: optional(row.sending_since ?? null),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Platform actions waiting to be sent. An item is pending until sent, retried
 * until its deadline (first enqueue + retryForSeconds), then dead. A
 * dispatcher claims an item for each attempt (a lease on next_attempt_at).
 */
export class SqliteOutboxRepo implements OutboxRepo {
  private readonly selectOne;
  private readonly delivery;
  private readonly claim;
  private readonly selectNextDue;
  private readonly insertRow;
  private readonly sent;
  private readonly sentMessage;
  private readonly sentTx;
  private readonly failed;
  private readonly query: FilteredQuery<WithIdList<OutboxFilter>, OutboxRow>;

  constructor(db: Db) {
    this.delivery = db.prepare<[string, string | null, string, string, string]>(
      'UPDATE outbox SET delivery_status = ?, delivery_error = ?, updated_at = ? WHERE channel = ? AND platform_result_id = ?',
    );
    this.selectOne = db.prepare<[string], OutboxRow>(`SELECT ${SELECT_COLUMNS} FROM outbox WHERE id = ?`);
    // One statement: the rows are chosen and leased under the same write lock, so two claimants never share one.
    this.claim = db.prepare<{ now: string; limit: number; until: string; claim: string }, OutboxRow>(
      `UPDATE outbox SET next_attempt_at = @until, claim_id = @claim, sending_since = @now
       WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, rowid LIMIT @limit)
       RETURNING ${SELECT_COLUMNS}`,
    );
    this.selectNextDue = db.prepare<[], string | null>(`SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'`).pluck();
    this.insertRow = db.prepare<[OutboxRow]>(
      `INSERT INTO outbox (${COLUMNS}) VALUES (${prefixColumns(COLUMNS, '@')})`,
    );
    this.sent = db.prepare<[string, string | null, string]>(
      `UPDATE outbox SET status = 'sent', attempts = attempts + 1, updated_at = ?, platform_result_id = ?, ${END_CLAIM} WHERE id = ?`,
    );
    // The agent's reply filed as an outbound message carries `outbox:<id>` until the platform names it.
    this.sentMessage = db.prepare<[string, string, string]>(
      `UPDATE OR IGNORE messages SET platform_message_id = ?, message = json_set(message, '$.platformMessageId', ?)
       WHERE outbox_id = ? AND direction = 'out'`,
    );
    this.sentTx = db.transaction((id: string, at: string, platformResultId: string | undefined): number => {
      const changes = this.sent.run(at, platformResultId ?? null, id).changes;
      if (changes > 0 && platformResultId !== undefined) this.sentMessage.run(platformResultId, platformResultId, id);
      return changes;
    });
    this.failed = db.prepare<{ id: string; at: string; error: string; next: string | null; claim: string | null }, OutboxRow>(
      `UPDATE outbox SET
         ${END_CLAIM},
         attempts = attempts + 1,
         last_error = @error,
         updated_at = @at,
         status = CASE WHEN @next IS NOT NULL AND @next <= deadline_at THEN 'pending' ELSE 'dead' END,
         next_attempt_at = CASE WHEN @next IS NOT NULL AND @next <= deadline_at THEN @next ELSE next_attempt_at END
       WHERE id = @id AND (@claim IS NULL OR claim_id = @claim) RETURNING ${SELECT_COLUMNS}`,
    );
    this.query = new FilteredQuery<WithIdList<OutboxFilter>, OutboxRow>(
      db,
      `SELECT ${SELECT_COLUMNS} FROM outbox`,
      {
        status: 'status = @status',
        executionId: 'execution_id = @executionId',
        interactionId: 'interaction_id = @interactionId',
        interactionIds: inJsonList('interaction_id', 'interactionIds'),
      },
      'created_at DESC, rowid DESC',
    );
  }

  get(id: string): OutboxRecord | undefined {
    const row = this.selectOne.get(id);
    return row && toOutbox(row);
  }

  claimDue(now: string, limit: number, leaseSeconds: number): ClaimedOutboxItem[] {
    const claim = newId();
    return this.claim
      .all({ now, limit, until: addSeconds(now, leaseSeconds), claim })
      .map((row) => ({ ...toOutbox(row), claim, sendingSince: now }))
      // RETURNING has no order; the batch goes out at once, so any stable one will do.
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  nextDueAt(): string | undefined {
    return optional(this.selectNextDue.get() ?? null);
  }

  markSent(id: string, at: string, platformResultId?: string): void {
    if (this.sentTx(id, at, platformResultId) === 0) throw new NotFoundError(`outbox item ${id} does not exist`);
  }

  markDelivery(channel: string, platformResultId: string, status: string, error?: string): boolean {
    return this.delivery.run(status, error ?? null, new Date().toISOString(), channel, platformResultId).changes > 0;
  }

  markFailed(id: string, at: string, error: string, nextAttemptAt: string | undefined, claim?: string): OutboxRecord | undefined {
    const row = this.failed.get({ id, at, error, next: nextAttemptAt ?? null, claim: claim ?? null });
    if (row) return toOutbox(row);
    if (claim !== undefined && this.selectOne.get(id)) return undefined;
    throw new NotFoundError(`outbox item ${id} does not exist`);
  }

  list(filter: OutboxFilter): OutboxRecord[] {
    return this.query.all(withIdList(filter)).map(toOutbox);
  }

  /** Queues an action for its first attempt at `at` (part of a run's commit, or an agent's action); returns the item as stored. */
  enqueue(action: PlatformAction & { id: string }, owner: { executionId?: string; interactionId?: string }, at: string): OutboxRecord {
    const row: OutboxRow = {
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
    };
    this.insertRow.run(row);
    return toOutbox(row);
  }
}
