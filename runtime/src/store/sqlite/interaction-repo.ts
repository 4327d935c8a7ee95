import type { QueueRequest } from '../../engine/types.ts';
import { NotFoundError, type InteractionFilter, type InteractionRecord, type InteractionRepo, type InteractionState, type InteractionFlag } from '../types.ts';
import type { Db } from './db.ts';
import { FilteredQuery, fromJson, optional, prefixColumns, toJson } from './rows.ts';

interface InteractionRow {
  id: string;
  conversation_id: string | null;
  contact_id: string | null;
  channel: string;
  account: string;
  visibility: InteractionRecord['visibility'];
  flow_id: string;
  flow_version: number;
  state: InteractionState;
  queue: string | null;
  skills: string;
  priority: number;
  preferred_agent: string | null;
  preferred_agent_until: string | null;
  agent_id?: string | null;
  greeting: string | null;
  attributes: string;
  flags?: string;
  disposition?: string | null;
  closed_at?: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS =
  'id, conversation_id, contact_id, channel, account, visibility, flow_id, flow_version, state, queue, skills, priority, ' +
  'preferred_agent, preferred_agent_until, greeting, attributes, created_at, updated_at';

/** Flags are written by their own statement, so inserts leave them to the column default. */
const SELECT_COLUMNS = `${COLUMNS}, flags, agent_id, disposition, closed_at`;

function toInteraction(row: InteractionRow): InteractionRecord {
  return {
    id: row.id,
    conversationId: optional(row.conversation_id),
    contactId: optional(row.contact_id),
    channel: row.channel,
    account: row.account,
    visibility: row.visibility,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    state: row.state,
    queue: optional(row.queue),
    skills: fromJson<QueueRequest['skills']>(row.skills),
    priority: row.priority,
    preferredAgent: optional(row.preferred_agent),
    preferredAgentUntil: optional(row.preferred_agent_until),
    ...(row.agent_id ? { agentId: row.agent_id } : {}),
    greeting: optional(row.greeting),
    attributes: fromJson<Record<string, unknown>>(row.attributes),
    flags: row.flags ? fromJson<InteractionFlag[]>(row.flags) : [],
    ...(row.disposition ? { disposition: row.disposition } : {}),
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Interactions: what agents work on. Open means queued, offered or assigned. Lists are newest first. */
export class SqliteInteractionRepo implements InteractionRepo {
  private readonly selectOne;
  private readonly selectOpen;
  private readonly insertRow;
  private readonly touchRow;
  private readonly flagRow;
  private readonly selectRouted;
  private readonly routeRow;
  private readonly requeueRow;
  private readonly query: FilteredQuery<InteractionFilter, InteractionRow>;
  private readonly visibilityRow;
  private readonly transferRow;
  private readonly closeRow;

  constructor(db: Db) {
    this.selectOne = db.prepare<[string], InteractionRow>(`SELECT ${SELECT_COLUMNS} FROM interactions WHERE id = ?`);
    // The state list repeats the partial index's condition word for word, so SQLite uses that index.
    this.selectOpen = db.prepare<[string], string>(
      `SELECT id FROM interactions
       WHERE conversation_id = ? AND state IN ('queued', 'offered', 'assigned') ORDER BY created_at DESC LIMIT 1`,
    ).pluck();
    this.insertRow = db.prepare<[InteractionRow]>(
      `INSERT INTO interactions (${COLUMNS}) VALUES (${prefixColumns(COLUMNS, '@')})`,
    );
    this.touchRow = db.prepare<[string, string]>('UPDATE interactions SET updated_at = ? WHERE id = ?');
    this.flagRow = db.prepare<[string, string, string]>(
      "UPDATE interactions SET flags = json_insert(flags, '$[#]', json(?)), updated_at = ? WHERE id = ?",
    );
    // The state list repeats the partial index's condition word for word.
    this.selectRouted = db.prepare<[], InteractionRow>(
      `SELECT ${SELECT_COLUMNS} FROM interactions
       WHERE state IN ('queued', 'offered', 'assigned') AND queue IS NOT NULL ORDER BY created_at, rowid`,
    );
    this.routeRow = db.prepare<[string, string | null, string | null, string, string]>(
      'UPDATE interactions SET state = ?, agent_id = ?, queue = COALESCE(?, queue), updated_at = ? WHERE id = ?',
    );
    this.requeueRow = db.prepare<[string, string | null, string | null, string, string, string]>(
      "UPDATE interactions SET state = ?, agent_id = ?, queue = COALESCE(?, queue), updated_at = ? WHERE id = ? AND state = 'offered' AND agent_id = ?",
    );
    this.visibilityRow = db.prepare<[string, string, string]>('UPDATE interactions SET visibility = ?, updated_at = ? WHERE id = ?');
    this.transferRow = db.prepare<[string, string, string, string]>(
      `UPDATE interactions SET state = 'queued', agent_id = NULL, queue = ?, skills = ?, preferred_agent = NULL, preferred_agent_until = NULL, updated_at = ?
       WHERE id = ?`,
    );
    this.closeRow = db.prepare<[string | null, string, string, string]>(
      "UPDATE interactions SET state = 'closed', disposition = ?, closed_at = ?, updated_at = ? WHERE id = ?",
    );
    this.query = new FilteredQuery<InteractionFilter, InteractionRow>(
      db,
      `SELECT ${SELECT_COLUMNS} FROM interactions`,
      {
        state: 'state = @state',
        queue: 'queue = @queue',
        // Served by the partial index interactions_agent (agent_id = … implies agent_id IS NOT NULL).
        agentId: 'agent_id = @agentId',
        contactId: 'contact_id = @contactId',
        channel: 'channel = @channel',
        flowId: 'flow_id = @flowId',
        since: 'created_at >= @since',
      },
      'created_at DESC, rowid DESC',
    );
  }

  get(id: string): InteractionRecord | undefined {
    const row = this.selectOne.get(id);
    return row && toInteraction(row);
  }

  openIdForConversation(conversationId: string): string | undefined {
    return this.selectOpen.get(conversationId) ?? undefined;
  }

  list(filter: InteractionFilter): InteractionRecord[] {
    return this.query.all(filter).map(toInteraction);
  }

  routed(): InteractionRecord[] {
    return this.selectRouted.all().map(toInteraction);
  }

  setRouting(id: string, change: { state: InteractionState; agentId: string | null; queue?: string }, at: string, onlyIfOfferedTo?: string): boolean {
    const args = [change.state, change.agentId, change.queue ?? null, at, id] as const;
    const result = onlyIfOfferedTo === undefined ? this.routeRow.run(...args) : this.requeueRow.run(...args, onlyIfOfferedTo);
    return result.changes > 0;
  }

  setVisibility(id: string, visibility: 'public' | 'private', at: string): boolean {
    return this.visibilityRow.run(visibility, at, id).changes > 0;
  }

  transfer(id: string, change: { queue: string; skills: QueueRequest['skills'] }, at: string): boolean {
    return this.transferRow.run(change.queue, toJson(change.skills), at, id).changes > 0;
  }

  close(id: string, change: { disposition?: string }, at: string): boolean {
    return this.closeRow.run(change.disposition ?? null, at, at, id).changes > 0;
  }

  /** Part of a run's commit. */
  insert(record: Omit<InteractionRecord, 'createdAt' | 'updatedAt'>, at: string): void {
    this.insertRow.run({
      id: record.id,
      conversation_id: record.conversationId ?? null,
      contact_id: record.contactId ?? null,
      channel: record.channel,
      account: record.account,
      visibility: record.visibility,
      flow_id: record.flowId,
      flow_version: record.flowVersion,
      state: record.state,
      queue: record.queue ?? null,
      skills: toJson(record.skills),
      priority: record.priority,
      preferred_agent: record.preferredAgent ?? null,
      preferred_agent_until: record.preferredAgentUntil ?? null,
      greeting: record.greeting ?? null,
      attributes: toJson(record.attributes),
      created_at: at,
      updated_at: at,
    });
  }

  /** Part of a run's commit. */
  addFlag(id: string, flag: InteractionFlag): void {
    if (this.flagRow.run(toJson(flag), flag.at, id).changes === 0) throw new NotFoundError(`interaction ${id} does not exist`);
  }

  /** A new message joined the interaction: its state stays, its updated time moves. Part of a run's commit. */
  touch(id: string, at: string): void {
    if (this.touchRow.run(at, id).changes === 0) throw new NotFoundError(`interaction ${id} does not exist`);
  }
}
