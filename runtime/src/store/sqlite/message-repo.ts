import type { StoredMessage } from '../../engine/types.ts';
import type { InteractionFlag, MessageChange, MessageRecord, MessageRepo, OutboundMessage } from '../types.ts';
import type { Db } from './db.ts';
import { FilteredQuery, fromJson, optional, prefixColumns, toJson } from './rows.ts';

interface MessageRow {
  id: string;
  direction: MessageRecord['direction'];
  channel: string;
  account: string;
  platform_message_id: string;
  contact_id: string | null;
  conversation_id: string | null;
  interaction_id: string | null;
  text: string;
  message: string;
  received_at: string;
  edited_at?: string | null;
  deleted_at?: string | null;
  original_text?: string | null;
  outbox_id?: string | null;
  agent_id?: string | null;
}

type MessageFilter = Parameters<MessageRepo['list']>[0];

const COLUMNS = 'id, direction, channel, account, platform_message_id, contact_id, conversation_id, interaction_id, text, message, received_at';

/** Edits and removals are written by their own statements; inserts leave them empty. */
const SELECT_COLUMNS = `${COLUMNS}, edited_at, deleted_at, original_text, outbox_id, agent_id`;

/** `message` skips parsing the JSON column when the caller already holds the message. */
function toMessage(row: MessageRow, message?: StoredMessage): MessageRecord {
  return {
    id: row.id,
    direction: row.direction,
    channel: row.channel,
    account: row.account,
    platformMessageId: row.platform_message_id,
    contactId: optional(row.contact_id),
    conversationId: optional(row.conversation_id),
    interactionId: optional(row.interaction_id),
    text: row.text,
    message: message ?? fromJson<StoredMessage>(row.message),
    receivedAt: row.received_at,
    editedAt: optional(row.edited_at ?? null),
    deletedAt: optional(row.deleted_at ?? null),
    originalText: optional(row.original_text ?? null),
    ...(row.outbox_id ? { outboxId: row.outbox_id } : {}),
    ...(row.agent_id ? { agentId: row.agent_id } : {}),
  };
}

/** Messages, unique per (channel, account, platform message id) so a redelivered webhook is stored once. Lists are newest first. */
export class SqliteMessageRepo implements MessageRepo {
  private readonly insert;
  private readonly selectOne;
  private readonly link;
  private readonly findByPlatformId;
  private readonly exists;
  private readonly edit;
  private readonly remove;
  private readonly flag;
  private readonly query: FilteredQuery<MessageFilter, MessageRow>;
  private readonly insertOut;

  constructor(db: Db) {
    this.insert = db.prepare<[MessageRow]>(
      `INSERT INTO messages (${COLUMNS})
       VALUES (${prefixColumns(COLUMNS, '@')})
       ON CONFLICT (channel, account, platform_message_id) DO NOTHING`,
    );
    this.insertOut = db.prepare<[MessageRow]>(
      `INSERT INTO messages (${COLUMNS}, outbox_id, agent_id)
       VALUES (${prefixColumns(COLUMNS, '@')}, @outbox_id, @agent_id)`,
    );
    this.selectOne = db.prepare<[string], MessageRow>(`SELECT ${SELECT_COLUMNS} FROM messages WHERE id = ?`);
    this.link = db.prepare<[string, string | null, string | null, string]>(
      `UPDATE messages SET interaction_id = ?, contact_id = COALESCE(?, contact_id), conversation_id = COALESCE(?, conversation_id)
       WHERE id = ?`,
    );
    this.findByPlatformId = db.prepare<[string, string, string], MessageRow>(
      `SELECT ${SELECT_COLUMNS} FROM messages WHERE channel = ? AND account = ? AND platform_message_id = ?`,
    );
    this.exists = db.prepare<[string, string, string], number>(
      'SELECT 1 FROM messages WHERE channel = ? AND account = ? AND platform_message_id = ?',
    ).pluck();
    this.edit = db.prepare<[string, string, string]>(
      'UPDATE messages SET original_text = COALESCE(original_text, text), text = ?, edited_at = ? WHERE id = ?',
    );
    this.remove = db.prepare<[string, string]>('UPDATE messages SET deleted_at = ? WHERE id = ?');
    this.flag = db.prepare<[string, string, string]>(
      "UPDATE interactions SET flags = json_insert(flags, '$[#]', json(?)), updated_at = ? WHERE id = ?",
    );
    this.query = new FilteredQuery<MessageFilter, MessageRow>(
      db,
      `SELECT ${SELECT_COLUMNS} FROM messages`,
      { contactId: 'contact_id = @contactId', conversationId: 'conversation_id = @conversationId', interactionId: 'interaction_id = @interactionId' },
      'received_at DESC, rowid DESC',
    );
  }

  insertInbound(message: StoredMessage, link?: { interactionId: string; contactId?: string; conversationId?: string }): MessageRecord | undefined {
    const row: MessageRow = {
      id: message.id,
      direction: 'in',
      channel: message.channel,
      account: message.account,
      platform_message_id: message.platformMessageId,
      contact_id: link?.contactId ?? null,
      conversation_id: link?.conversationId ?? null,
      interaction_id: link?.interactionId ?? null,
      text: message.text,
      message: toJson(message),
      received_at: message.receivedAt,
    };
    if (this.insert.run(row).changes === 0) return undefined;
    return toMessage(row, message);
  }

  insertOutbound(out: OutboundMessage): MessageRecord {
    // Until the platform names it, the item is known by its outbox id (unique per channel and account like any platform id).
    const message = {
      id: out.id,
      channel: out.channel,
      visibility: out.visibility,
      kind: out.visibility === 'public' ? 'reply' : 'dm',
      account: out.account,
      author: { id: out.account, ...(out.agentId ? { name: out.agentId } : {}) },
      text: out.text,
      platformMessageId: `outbox:${out.outboxId}`,
      receivedAt: out.at,
      inReplyTo: out.inReplyTo,
    };
    const row: MessageRow = {
      id: out.id,
      direction: 'out',
      channel: out.channel,
      account: out.account,
      platform_message_id: message.platformMessageId,
      contact_id: out.contactId ?? null,
      conversation_id: out.conversationId ?? null,
      interaction_id: out.interactionId,
      text: out.text,
      message: toJson(message),
      received_at: out.at,
      outbox_id: out.outboxId,
      agent_id: out.agentId ?? null,
    };
    this.insertOut.run(row);
    return toMessage(row);
  }

  has(message: Pick<StoredMessage, 'channel' | 'account' | 'platformMessageId'>): boolean {
    return this.exists.get(message.channel, message.account, message.platformMessageId) !== undefined;
  }

  get(id: string): MessageRecord | undefined {
    const row = this.selectOne.get(id);
    return row && toMessage(row);
  }

  list(filter: MessageFilter): MessageRecord[] {
    return this.query.all(filter).map((row) => toMessage(row));
  }

  applyChange(change: MessageChange): MessageRecord | undefined {
    const row = this.findByPlatformId.get(change.channel, change.account, change.platformMessageId);
    if (!row) return undefined;
    if (change.kind === 'edited') this.edit.run(change.text ?? row.text, change.at, row.id);
    else this.remove.run(change.at, row.id);
    if (row.interaction_id) {
      const flag: InteractionFlag = {
        kind: change.kind === 'edited' ? 'message-edited' : 'message-deleted',
        at: change.at,
        messageId: row.id,
        note: change.kind === 'edited' ? `the customer edited a message: "${change.text ?? ''}"` : 'the customer removed a message',
      };
      this.flag.run(toJson(flag), change.at, row.interaction_id);
    }
    return this.get(row.id);
  }

  /** Files the message under its interaction (and that interaction's contact and conversation). Part of a run's commit. */
  linkToInteraction(messageId: string, interaction: { id: string; contactId?: string; conversationId?: string }): void {
    const result = this.link.run(interaction.id, interaction.contactId ?? null, interaction.conversationId ?? null, messageId);
    if (result.changes === 0) throw new Error(`message ${messageId} does not exist`);
  }
}
