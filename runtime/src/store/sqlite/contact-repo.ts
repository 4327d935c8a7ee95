import type { ContactRecord, ContactRepo, ConversationRecord, IdentityRecord } from '../types.ts';
import type { Db } from './db.ts';
import { fromJson, optional, prefixColumns, toJson } from './rows.ts';

interface ContactRow {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  segment: string | null;
  attributes: string;
  created_at: string;
  updated_at: string;
}

interface IdentityRow {
  contact_id: string;
  channel: string;
  platform_id: string;
  handle: string | null;
}

interface ConversationRow {
  id: string;
  contact_id: string;
  channel: string;
  account: string;
  visibility: ConversationRecord['visibility'];
  status: ConversationRecord['status'];
  started_at: string;
  last_message_at: string;
  last_agent_id: string | null;
}

const CONTACT_COLUMNS = 'id, name, email, phone, segment, attributes, created_at, updated_at';
const CONVERSATION_COLUMNS = 'id, contact_id, channel, account, visibility, status, started_at, last_message_at, last_agent_id';

function toContact(row: ContactRow): ContactRecord {
  return {
    id: row.id,
    name: optional(row.name),
    email: optional(row.email),
    phone: optional(row.phone),
    segment: optional(row.segment),
    attributes: fromJson<Record<string, unknown>>(row.attributes),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toConversation(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    contactId: row.contact_id,
    channel: row.channel,
    account: row.account,
    visibility: row.visibility,
    status: row.status,
    startedAt: row.started_at,
    lastMessageAt: row.last_message_at,
    lastAgentId: optional(row.last_agent_id),
  };
}

/** Contacts, their platform identities (unique per channel) and conversations. */
export class SqliteContactRepo implements ContactRepo {
  private readonly selectById;
  private readonly selectByIdentity;
  private readonly selectByEmail;
  private readonly selectByPhone;
  private readonly selectIdentities;
  private readonly insertContact;
  private readonly claimIdentity;
  private readonly upsertIdentity;
  private readonly selectOpenConversation;
  private readonly insertConversation;
  private readonly touch;
  private readonly setAgent;
  private readonly selectStats;
  private readonly createTx;

  constructor(db: Db) {
    this.selectById = db.prepare<[string], ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ?`);
    this.selectByIdentity = db.prepare<[string, string], ContactRow>(
      `SELECT ${prefixColumns(CONTACT_COLUMNS, 'c.')}
       FROM contact_identities i JOIN contacts c ON c.id = i.contact_id WHERE i.channel = ? AND i.platform_id = ?`,
    );
    this.selectByEmail = db.prepare<[string], ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE email = ? ORDER BY created_at LIMIT 1`);
    this.selectByPhone = db.prepare<[string], ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE phone = ? ORDER BY created_at LIMIT 1`);
    this.selectIdentities = db.prepare<[string], IdentityRow>(
      'SELECT contact_id, channel, platform_id, handle FROM contact_identities WHERE contact_id = ? ORDER BY channel, platform_id',
    );
    this.insertContact = db.prepare<[ContactRow]>(
      `INSERT INTO contacts (${CONTACT_COLUMNS}) VALUES (${prefixColumns(CONTACT_COLUMNS, '@')})`,
    );
    this.claimIdentity = db.prepare<[IdentityRow]>(
      `INSERT INTO contact_identities (channel, platform_id, contact_id, handle) VALUES (@channel, @platform_id, @contact_id, @handle)
       ON CONFLICT (channel, platform_id) DO NOTHING`,
    );
    // Re-adding an identity to its own contact refreshes the handle; one owned by another contact changes nothing.
    this.upsertIdentity = db.prepare<[IdentityRow]>(
      `INSERT INTO contact_identities (channel, platform_id, contact_id, handle) VALUES (@channel, @platform_id, @contact_id, @handle)
       ON CONFLICT (channel, platform_id) DO UPDATE SET handle = COALESCE(excluded.handle, handle) WHERE contact_id = excluded.contact_id`,
    );
    this.selectOpenConversation = db.prepare<[string, string, string], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations
       WHERE contact_id = ? AND channel = ? AND status = 'open' AND last_message_at > ?
       ORDER BY last_message_at DESC LIMIT 1`,
    );
    this.insertConversation = db.prepare<[ConversationRow]>(
      `INSERT INTO conversations (${CONVERSATION_COLUMNS}) VALUES (${prefixColumns(CONVERSATION_COLUMNS, '@')})`,
    );
    this.touch = db.prepare<[string, string]>('UPDATE conversations SET last_message_at = max(last_message_at, ?) WHERE id = ?');
    this.setAgent = db.prepare<[string, string]>('UPDATE conversations SET last_agent_id = ? WHERE id = ?');
    this.selectStats = db.prepare<[string, string], { recent: number | null; pending: number | null }>(
      `SELECT SUM(created_at > ?) AS recent, SUM(state IN ('queued', 'offered', 'assigned')) AS pending
       FROM interactions WHERE contact_id = ?`,
    );
    // The identity is claimed first (its foreign key is deferred to commit): when
    // another writer holds it, nothing is written and their contact is returned.
    this.createTx = db.transaction((row: ContactRow, identity: IdentityRow) => {
      if (this.claimIdentity.run(identity).changes === 0) return false;
      this.insertContact.run(row);
      return true;
    });
  }

  get(id: string): ContactRecord | undefined {
    const row = this.selectById.get(id);
    return row && toContact(row);
  }

  findByIdentity(channel: string, platformId: string): ContactRecord | undefined {
    const row = this.selectByIdentity.get(channel, platformId);
    return row && toContact(row);
  }

  findByEmail(email: string): ContactRecord | undefined {
    const row = this.selectByEmail.get(email);
    return row && toContact(row);
  }

  findByPhone(phone: string): ContactRecord | undefined {
    const row = this.selectByPhone.get(phone);
    return row && toContact(row);
  }

  identities(contactId: string): IdentityRecord[] {
    return this.selectIdentities.all(contactId).map((row) => ({
      contactId: row.contact_id,
      channel: row.channel,
      platformId: row.platform_id,
      handle: optional(row.handle),
    }));
  }

  createWithIdentity(
    contact: Omit<ContactRecord, 'createdAt' | 'updatedAt'>,
    identity: Omit<IdentityRecord, 'contactId'>,
  ): { contact: ContactRecord; created: boolean } {
    const now = new Date().toISOString();
    const row: ContactRow = {
      id: contact.id,
      name: contact.name ?? null,
      email: contact.email ?? null,
      phone: contact.phone ?? null,
      segment: contact.segment ?? null,
      attributes: toJson(contact.attributes),
      created_at: now,
      updated_at: now,
    };
    const identityRow: IdentityRow = { contact_id: contact.id, channel: identity.channel, platform_id: identity.platformId, handle: identity.handle ?? null };
    if (this.createTx(row, identityRow)) return { contact: toContact(row), created: true };
    const existing = this.findByIdentity(identity.channel, identity.platformId);
    if (!existing) throw new Error(`identity ${identity.channel}:${identity.platformId} is taken but its contact is missing`);
    return { contact: existing, created: false };
  }

  addIdentity(identity: IdentityRecord): void {
    const row: IdentityRow = { contact_id: identity.contactId, channel: identity.channel, platform_id: identity.platformId, handle: identity.handle ?? null };
    if (this.upsertIdentity.run(row).changes === 0) {
      throw new Error(`identity ${identity.channel}:${identity.platformId} belongs to another contact`);
    }
  }

  openConversation(contactId: string, channel: string, since: string): ConversationRecord | undefined {
    const row = this.selectOpenConversation.get(contactId, channel, since);
    return row && toConversation(row);
  }

  createConversation(conversation: ConversationRecord): ConversationRecord {
    this.insertConversation.run({
      id: conversation.id,
      contact_id: conversation.contactId,
      channel: conversation.channel,
      account: conversation.account,
      visibility: conversation.visibility,
      status: conversation.status,
      started_at: conversation.startedAt,
      last_message_at: conversation.lastMessageAt,
      last_agent_id: conversation.lastAgentId ?? null,
    });
    return conversation;
  }

  touchConversation(id: string, at: string): void {
    this.touch.run(at, id);
  }

  setConversationAgent(id: string, agentId: string): void {
    this.setAgent.run(agentId, id);
  }

  stats(contactId: string, since: string): { recentInteractions: number; pendingInteractions: number } {
    const row = this.selectStats.get(since, contactId);
    return { recentInteractions: row?.recent ?? 0, pendingInteractions: row?.pending ?? 0 };
  }
}
