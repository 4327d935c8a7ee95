import type { Step, StoredMessage } from '../../engine/types.ts';
import {
  NotFoundError,
  type ExecutionFilter,
  type ExecutionRecord,
  type ExecutionRepo,
  type ExecutionStatus,
  type MessageRecord,
  type RunCommit,
  createdInteraction,
} from '../types.ts';
import type { Db } from './db.ts';
import type { SqliteInteractionRepo } from './interaction-repo.ts';
import type { SqliteMessageRepo } from './message-repo.ts';
import type { SqliteOutboxRepo } from './outbox-repo.ts';
import { FilteredQuery, fromJson, inJsonList, optional, prefixColumns, toJson, withIdList, type WithIdList } from './rows.ts';

interface ExecutionRow {
  id: string;
  flow_id: string;
  flow_version: number;
  message_id: string;
  interaction_id: string | null;
  status: ExecutionStatus;
  started_at: string;
  finished_at: string | null;
  wait_key: string | null;
  error: string | null;
  steps: string;
}

interface CommitRow {
  id: string;
  status: ExecutionStatus;
  interaction_id: string | null;
  wait_key: string | null;
  error: string | null;
  finished_at: string | null;
  snapshot: string | null;
  keep_snapshot: number;
  steps: string;
}

interface InsertRow extends Omit<CommitRow, 'keep_snapshot'> {
  flow_id: string;
  flow_version: number;
  message_id: string;
  started_at: string;
}

/** The repos whose rows a run's start and commit write along with its own. */
export interface RunParts {
  messages: SqliteMessageRepo;
  interactions: SqliteInteractionRepo;
  outbox: SqliteOutboxRepo;
}

const COLUMNS = 'id, flow_id, flow_version, message_id, interaction_id, status, started_at, finished_at, wait_key, error, steps';

/** Thrown inside a run's transaction to undo it when its message was a duplicate after all. */
const DUPLICATE = new Error('duplicate message');

/** Steps as stored: the JSON of `Step`, `details` left out when there are none (rows migrated from the old table say null). */
function toSteps(text: string): Step[] {
  const steps = fromJson<Array<Step & { details?: Record<string, unknown> | null }>>(text);
  for (const step of steps) if (step.details === null) delete step.details;
  return steps;
}

function toExecution(row: ExecutionRow): ExecutionRecord {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    messageId: row.message_id,
    interactionId: optional(row.interaction_id),
    status: row.status,
    startedAt: row.started_at,
    finishedAt: optional(row.finished_at),
    waitKey: optional(row.wait_key),
    error: optional(row.error),
    steps: toSteps(row.steps),
  };
}

/**
 * Flow runs with their steps (one JSON array a run). A webhook's run is
 * stored with its message when it starts (status running, started at the
 * message's receive time) and everything it did is written by one commit per
 * pause or finish; a run whose caller waits for it (`POST /api/messages`) is
 * stored with its message in one go when it ends or pauses. Lists are newest first.
 */
export class SqliteExecutionRepo implements ExecutionRepo {
  private readonly insertRow;
  private readonly insertWhole;
  private readonly updateRow;
  private readonly selectOne;
  private readonly adoptActions;
  private readonly selectSnapshot;
  private readonly selectWaiting;
  private readonly selectRunning;
  private readonly query: FilteredQuery<WithIdList<ExecutionFilter>, ExecutionRow>;
  private readonly startTx;
  private readonly commitTx;
  private readonly recordTx;

  constructor(db: Db, parts: RunParts) {
    this.insertRow = db.prepare<[string, string, number, string, string]>(
      `INSERT INTO executions (id, flow_id, flow_version, message_id, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)`,
    );
    this.insertWhole = db.prepare<[InsertRow]>(
      `INSERT INTO executions (${COLUMNS}, snapshot) VALUES (${prefixColumns(COLUMNS, '@')}, @snapshot)`,
    );
    // A finished run drops its snapshot; a pause without a new snapshot keeps the last one. New steps join the array.
    this.updateRow = db.prepare<[CommitRow]>(
      `UPDATE executions SET
         status = @status,
         interaction_id = COALESCE(@interaction_id, interaction_id),
         wait_key = @wait_key,
         error = @error,
         finished_at = @finished_at,
         snapshot = CASE WHEN @keep_snapshot THEN COALESCE(@snapshot, snapshot) ELSE NULL END,
         steps = CASE
           WHEN @steps = '[]' THEN steps
           WHEN steps = '[]' THEN @steps
           ELSE substr(steps, 1, length(steps) - 1) || ',' || substr(@steps, 2)
         END
       WHERE id = @id`,
    );
    this.adoptActions = db.prepare<[string, string]>('UPDATE outbox SET interaction_id = ? WHERE execution_id = ? AND interaction_id IS NULL');
    this.selectOne = db.prepare<[string], ExecutionRow>(`SELECT ${COLUMNS} FROM executions WHERE id = ?`);
    this.selectSnapshot = db.prepare<[string], string | null>('SELECT snapshot FROM executions WHERE id = ?').pluck();
    this.selectWaiting = db.prepare<[string], ExecutionRow>(
      `SELECT ${COLUMNS} FROM executions WHERE wait_key = ? AND status = 'waiting' ORDER BY started_at, rowid LIMIT 1`,
    );
    this.selectRunning = db.prepare<[], ExecutionRow>(`SELECT ${COLUMNS} FROM executions WHERE status = 'running' ORDER BY started_at, rowid`);
    this.query = new FilteredQuery<WithIdList<ExecutionFilter>, ExecutionRow>(
      db,
      `SELECT ${COLUMNS} FROM executions`,
      {
        flowId: 'flow_id = @flowId',
        status: 'status = @status',
        messageId: 'message_id = @messageId',
        interactionId: 'interaction_id = @interactionId',
        interactionIds: inJsonList('interaction_id', 'interactionIds'),
        since: 'started_at >= @since',
      },
      'started_at DESC, rowid DESC',
    );

    this.startTx = db.transaction(
      (message: StoredMessage, execution?: { id: string; flowId: string; flowVersion: number }): { message: MessageRecord } | undefined => {
        const record = parts.messages.insertInbound(message);
        if (!record) return undefined;
        if (execution) this.insertRow.run(execution.id, execution.flowId, execution.flowVersion, message.id, message.receivedAt);
        return { message: record };
      },
    );

    /** The interaction a commit files its message under: created, or the open one joined. */
    const fileInteraction = (commit: RunCommit): string | undefined => {
      if (!commit.interaction) return undefined;
      const { joinId } = commit.interaction;
      const created = createdInteraction(commit);
      if (created) parts.interactions.insert(created, created.createdAt);
      else parts.interactions.touch(joinId!, commit.at);
      return created?.id ?? joinId;
    };
    const isFinished = (commit: RunCommit) => commit.status === 'completed' || commit.status === 'failed';
    /**
     * The columns a commit sets, and the ones the caller adds. (Object.assign onto a literal, not
     * `{ ...row, more }`: on Node 20 that spread keeps what it touches alive through minor GCs,
     * see docs/performance.md.)
     */
    const settle = <M extends object>(commit: RunCommit, more: M) => {
      const finished = isFinished(commit);
      const row = {
        id: commit.executionId,
        status: commit.status,
        wait_key: commit.status === 'waiting' ? (commit.waitKey ?? null) : null,
        error: commit.error ?? null,
        finished_at: finished ? commit.at : null,
        snapshot: commit.snapshot === undefined || finished ? null : toJson(commit.snapshot),
        steps: toJson(commit.steps),
      };
      return Object.assign(row, more);
    };

    this.commitTx = db.transaction((commit: RunCommit) => {
      const interactionId = fileInteraction(commit);
      if (interactionId) {
        const { record } = commit.interaction!;
        parts.messages.linkToInteraction(commit.messageId, { id: interactionId, contactId: record.contactId, conversationId: record.conversationId });
      }
      const updated = this.updateRow.run(settle(commit, { interaction_id: interactionId ?? null, keep_snapshot: isFinished(commit) ? 0 : 1 }));
      if (updated.changes === 0) throw new NotFoundError(`execution ${commit.executionId} does not exist`);
      for (const action of commit.actions) parts.outbox.enqueue(action, { executionId: commit.executionId, interactionId }, commit.at);
      // Actions queued while the run waited had no interaction yet: they belong to the one it ended in.
      if (interactionId) this.adoptActions.run(interactionId, commit.executionId);
    });

    this.recordTx = db.transaction((message: StoredMessage, execution: { id: string; flowId: string; flowVersion: number }, commit: RunCommit): boolean => {
      // The interaction first (the message row points at it); a duplicate message undoes it.
      const interactionId = fileInteraction(commit);
      const record = commit.interaction?.record;
      const link = interactionId ? { interactionId, contactId: record?.contactId, conversationId: record?.conversationId } : undefined;
      if (!parts.messages.insertInbound(message, link)) throw DUPLICATE;
      this.insertWhole.run(
        settle(commit, {
          flow_id: execution.flowId,
          flow_version: execution.flowVersion,
          message_id: message.id,
          interaction_id: interactionId ?? null,
          started_at: message.receivedAt,
        }),
      );
      for (const action of commit.actions) parts.outbox.enqueue(action, { executionId: commit.executionId, interactionId }, commit.at);
      return true;
    });
  }

  start(message: StoredMessage, execution?: { id: string; flowId: string; flowVersion: number }): { message: MessageRecord } | undefined {
    return this.startTx(message, execution);
  }

  commit(commit: RunCommit): void {
    this.commitTx(commit);
  }

  record(message: StoredMessage, execution: { id: string; flowId: string; flowVersion: number }, commit: RunCommit): boolean {
    try {
      return this.recordTx(message, execution, commit);
    } catch (error) {
      if (error === DUPLICATE) return false;
      throw error;
    }
  }

  get(id: string): ExecutionRecord | undefined {
    const row = this.selectOne.get(id);
    return row && toExecution(row);
  }

  list(filter: ExecutionFilter): ExecutionRecord[] {
    return this.query.all(withIdList(filter)).map(toExecution);
  }

  snapshot(id: string): unknown {
    const text = this.selectSnapshot.get(id);
    return text == null ? undefined : fromJson<unknown>(text);
  }

  findWaiting(waitKey: string): ExecutionRecord | undefined {
    const row = this.selectWaiting.get(waitKey);
    return row && toExecution(row);
  }

  interrupted(): ExecutionRecord[] {
    return this.selectRunning.all().map(toExecution);
  }
}
