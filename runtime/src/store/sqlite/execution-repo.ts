import type { Step, StoredMessage } from '../../engine/types.ts';
import {
  NotFoundError,
  type ExecutionFilter,
  type ExecutionRecord,
  type ExecutionRepo,
  type ExecutionStatus,
  type MessageRecord,
  type RunCommit,
} from '../types.ts';
import type { Db } from './db.ts';
import type { SqliteInteractionRepo } from './interaction-repo.ts';
import type { SqliteMessageRepo } from './message-repo.ts';
import type { SqliteOutboxRepo } from './outbox-repo.ts';
import { FilteredQuery, fromJson, fromOptionalJson, optional, toJson } from './rows.ts';

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
}

interface StepRow {
  execution_id: string;
  seq: number;
  node_id: string;
  block_type: string;
  port: string | null;
  reason: string;
  started_at: string;
  duration_ms: number;
  details: string | null;
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
}

/** The repos whose rows a run's start and commit write along with its own. */
export interface RunParts {
  messages: SqliteMessageRepo;
  interactions: SqliteInteractionRepo;
  outbox: SqliteOutboxRepo;
}

const COLUMNS = 'id, flow_id, flow_version, message_id, interaction_id, status, started_at, finished_at, wait_key, error';
const STEP_COLUMNS = 'execution_id, seq, node_id, block_type, port, reason, started_at, duration_ms, details';

function toStep(row: StepRow): Step {
  return {
    seq: row.seq,
    nodeId: row.node_id,
    blockType: row.block_type,
    port: row.port,
    reason: row.reason,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    details: fromOptionalJson<Record<string, unknown>>(row.details),
  };
}

function toExecution(row: ExecutionRow, steps: Step[]): ExecutionRecord {
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
    steps,
  };
}

/**
 * Flow runs and their steps. A run is stored with its message when it starts
 * (status running, started at the message's receive time) and everything it
 * did is written by one commit per pause or finish. Lists are newest first.
 */
export class SqliteExecutionRepo implements ExecutionRepo {
  private readonly insertRow;
  private readonly insertStep;
  private readonly updateRow;
  private readonly selectOne;
  private readonly adoptActions;
  private readonly selectSteps;
  private readonly selectStepsOfMany;
  private readonly selectSnapshot;
  private readonly selectWaiting;
  private readonly selectRunning;
  private readonly query: FilteredQuery<ExecutionFilter, ExecutionRow>;
  private readonly startTx;
  private readonly commitTx;

  constructor(db: Db, parts: RunParts) {
    this.insertRow = db.prepare<[string, string, number, string, string]>(
      `INSERT INTO executions (id, flow_id, flow_version, message_id, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)`,
    );
    this.insertStep = db.prepare<[StepRow]>(
      `INSERT INTO execution_steps (${STEP_COLUMNS})
       VALUES (@execution_id, @seq, @node_id, @block_type, @port, @reason, @started_at, @duration_ms, @details)`,
    );
    // A finished run drops its snapshot; a pause without a new snapshot keeps the last one.
    this.updateRow = db.prepare<[CommitRow]>(
      `UPDATE executions SET
         status = @status,
         interaction_id = COALESCE(@interaction_id, interaction_id),
         wait_key = @wait_key,
         error = @error,
         finished_at = @finished_at,
         snapshot = CASE WHEN @keep_snapshot THEN COALESCE(@snapshot, snapshot) ELSE NULL END
       WHERE id = @id`,
    );
    this.adoptActions = db.prepare<[string, string]>('UPDATE outbox SET interaction_id = ? WHERE execution_id = ? AND interaction_id IS NULL');
    this.selectOne = db.prepare<[string], ExecutionRow>(`SELECT ${COLUMNS} FROM executions WHERE id = ?`);
    this.selectSteps = db.prepare<[string], StepRow>(`SELECT ${STEP_COLUMNS} FROM execution_steps WHERE execution_id = ? ORDER BY seq`);
    // One query for the steps of a whole page: the ids go in as one JSON array.
    this.selectStepsOfMany = db.prepare<[string], StepRow>(
      `SELECT ${STEP_COLUMNS} FROM execution_steps
       WHERE execution_id IN (SELECT value FROM json_each(?)) ORDER BY execution_id, seq`,
    );
    this.selectSnapshot = db.prepare<[string], string | null>('SELECT snapshot FROM executions WHERE id = ?').pluck();
    this.selectWaiting = db.prepare<[string], ExecutionRow>(
      `SELECT ${COLUMNS} FROM executions WHERE wait_key = ? AND status = 'waiting' ORDER BY started_at, rowid LIMIT 1`,
    );
    this.selectRunning = db.prepare<[], ExecutionRow>(`SELECT ${COLUMNS} FROM executions WHERE status = 'running' ORDER BY started_at, rowid`);
    this.query = new FilteredQuery<ExecutionFilter, ExecutionRow>(
      db,
      `SELECT ${COLUMNS} FROM executions`,
      {
        flowId: 'flow_id = @flowId',
        status: 'status = @status',
        messageId: 'message_id = @messageId',
        interactionId: 'interaction_id = @interactionId',
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

    this.commitTx = db.transaction((commit: RunCommit) => {
      const finished = commit.status === 'completed' || commit.status === 'failed';
      let interactionId: string | undefined;
      if (commit.interaction) {
        const { joinId, record } = commit.interaction;
        if (joinId === undefined) parts.interactions.insert(record, commit.messageAt ?? commit.at);
        else parts.interactions.touch(joinId, commit.at);
        interactionId = joinId ?? record.id;
        parts.messages.linkToInteraction(commit.messageId, { id: interactionId, contactId: record.contactId, conversationId: record.conversationId });
      }
      const updated = this.updateRow.run({
        id: commit.executionId,
        status: commit.status,
        interaction_id: interactionId ?? null,
        wait_key: commit.status === 'waiting' ? (commit.waitKey ?? null) : null,
        error: commit.error ?? null,
        finished_at: finished ? commit.at : null,
        snapshot: commit.snapshot === undefined ? null : toJson(commit.snapshot),
        keep_snapshot: finished ? 0 : 1,
      });
      if (updated.changes === 0) throw new NotFoundError(`execution ${commit.executionId} does not exist`);
      for (const step of commit.steps) {
        this.insertStep.run({
          execution_id: commit.executionId,
          seq: step.seq,
          node_id: step.nodeId,
          block_type: step.blockType,
          port: step.port,
          reason: step.reason,
          started_at: step.startedAt,
          duration_ms: step.durationMs,
          details: step.details === undefined ? null : toJson(step.details),
        });
      }
      for (const action of commit.actions) parts.outbox.enqueue(action, { executionId: commit.executionId, interactionId }, commit.at);
      // Actions queued while the run waited had no interaction yet: they belong to the one it ended in.
      if (interactionId) this.adoptActions.run(interactionId, commit.executionId);
    });
  }

  start(message: StoredMessage, execution?: { id: string; flowId: string; flowVersion: number }): { message: MessageRecord } | undefined {
    return this.startTx(message, execution);
  }

  commit(commit: RunCommit): void {
    this.commitTx(commit);
  }

  get(id: string): ExecutionRecord | undefined {
    const row = this.selectOne.get(id);
    return row && toExecution(row, this.selectSteps.all(id).map(toStep));
  }

  list(filter: ExecutionFilter): ExecutionRecord[] {
    return this.withSteps(this.query.all(filter));
  }

  snapshot(id: string): unknown {
    const text = this.selectSnapshot.get(id);
    return text == null ? undefined : fromJson<unknown>(text);
  }

  findWaiting(waitKey: string): ExecutionRecord | undefined {
    const row = this.selectWaiting.get(waitKey);
    return row && toExecution(row, this.selectSteps.all(row.id).map(toStep));
  }

  interrupted(): ExecutionRecord[] {
    return this.withSteps(this.selectRunning.all());
  }

  private withSteps(rows: ExecutionRow[]): ExecutionRecord[] {
    if (rows.length === 0) return [];
    const steps = new Map<string, Step[]>(rows.map((row) => [row.id, []]));
    for (const step of this.selectStepsOfMany.all(toJson(rows.map((row) => row.id)))) steps.get(step.execution_id)?.push(toStep(step));
    return rows.map((row) => toExecution(row, steps.get(row.id) ?? []));
  }
}
