import type { AcdDeclineRecord, AcdRepo, AgentStateRecord, AgentSubscriptionRecord, OfferEndReason, OfferRecord } from '../types.ts';
import type { Db } from './db.ts';
import { optional } from './rows.ts';

interface StateRow {
  agent_id: string;
  status: AgentStateRecord['status'];
  reason: string | null;
  idle_since: string | null;
  updated_at: string;
}

interface OfferRow {
  id: string;
  interaction_id: string;
  agent_id: string;
  offered_at: string;
  expires_at: string;
  ended_at: string | null;
  end_reason: OfferEndReason | null;
}

interface DeclineRow {
  interaction_id: string;
  agent_id: string;
  at: string;
}

const toDecline = (row: DeclineRow): AcdDeclineRecord => ({ interactionId: row.interaction_id, agentId: row.agent_id, at: row.at });

function toState(row: StateRow): AgentStateRecord {
  return { agentId: row.agent_id, status: row.status, reason: optional(row.reason), idleSince: optional(row.idle_since), updatedAt: row.updated_at };
}

function toOffer(row: OfferRow): OfferRecord {
  return {
    id: row.id, interactionId: row.interaction_id, agentId: row.agent_id, offeredAt: row.offered_at, expiresAt: row.expires_at,
    endedAt: optional(row.ended_at), endReason: optional(row.end_reason),
  };
}

/** The ACD's durable state. The ACD itself lives in memory; this is what survives a restart. */
export class SqliteAcdRepo implements AcdRepo {
  private readonly selectStates;
  private readonly selectState;
  private readonly upsertState;
  private readonly selectSubs;
  private readonly selectSubsOf;
  private readonly upsertSub;
  private readonly selectOffer;
  private readonly insertOfferRow;
  private readonly endOfferRow;
  private readonly endOfferForRow;
  private readonly endOpenRows;
  private readonly selectDeclines;
  private readonly insertDecline;
  private readonly deleteDecline;
  private readonly deleteDeclines;
  private readonly selectExclusions;
  private readonly upsertExclusion;
  private readonly deleteExclusion;

  constructor(db: Db) {
    this.selectStates = db.prepare<[], StateRow>('SELECT * FROM agent_state ORDER BY agent_id');
    this.selectState = db.prepare<[string], StateRow>('SELECT * FROM agent_state WHERE agent_id = ?');
    this.upsertState = db.prepare<[string, string, string | null, string | null, string]>(
      `INSERT INTO agent_state (agent_id, status, reason, idle_since, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (agent_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, idle_since = excluded.idle_since, updated_at = excluded.updated_at`,
    );
    this.selectSubs = db.prepare<[], { agent_id: string; contact_id: string; at: string }>('SELECT * FROM agent_subscriptions ORDER BY at, rowid');
    this.selectSubsOf = db.prepare<[string], { agent_id: string; contact_id: string; at: string }>(
      'SELECT * FROM agent_subscriptions WHERE agent_id = ? ORDER BY at, rowid',
    );
    this.upsertSub = db.prepare<[string, string, string]>(
      'INSERT INTO agent_subscriptions (agent_id, contact_id, at) VALUES (?, ?, ?) ON CONFLICT (agent_id, contact_id) DO UPDATE SET at = excluded.at',
    );
    this.selectOffer = db.prepare<[string], OfferRow>('SELECT * FROM offers WHERE id = ?');
    this.insertOfferRow = db.prepare<[string, string, string, string, string]>(
      'INSERT INTO offers (id, interaction_id, agent_id, offered_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.endOfferRow = db.prepare<[string, string, string]>('UPDATE offers SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL');
    this.endOfferForRow = db.prepare<[string, string, string, string]>(
      'UPDATE offers SET ended_at = ?, end_reason = ? WHERE interaction_id = ? AND agent_id = ? AND ended_at IS NULL',
    );
    this.endOpenRows = db.prepare<[string, string]>('UPDATE offers SET ended_at = ?, end_reason = ? WHERE ended_at IS NULL');
    this.selectDeclines = db.prepare<[], DeclineRow>('SELECT * FROM acd_declines ORDER BY at, rowid');
    this.insertDecline = db.prepare<[string, string, string]>(
      'INSERT INTO acd_declines (interaction_id, agent_id, at) VALUES (?, ?, ?) ON CONFLICT (interaction_id, agent_id) DO NOTHING',
    );
    this.deleteDecline = db.prepare<[string, string]>('DELETE FROM acd_declines WHERE interaction_id = ? AND agent_id = ?');
    this.deleteDeclines = db.prepare<[string]>('DELETE FROM acd_declines WHERE interaction_id = ?');
    this.selectExclusions = db.prepare<[], DeclineRow>('SELECT * FROM acd_transfer_exclusions ORDER BY at, rowid');
    this.upsertExclusion = db.prepare<[string, string, string]>(
      `INSERT INTO acd_transfer_exclusions (interaction_id, agent_id, at) VALUES (?, ?, ?)
       ON CONFLICT (interaction_id) DO UPDATE SET agent_id = excluded.agent_id, at = excluded.at`,
    );
    this.deleteExclusion = db.prepare<[string]>('DELETE FROM acd_transfer_exclusions WHERE interaction_id = ?');
  }

  agentStates(): AgentStateRecord[] {
    return this.selectStates.all().map(toState);
  }

  agentState(agentId: string): AgentStateRecord | undefined {
    const row = this.selectState.get(agentId);
    return row && toState(row);
  }

  setAgentState(state: Omit<AgentStateRecord, 'updatedAt'>, at: string): AgentStateRecord {
    this.upsertState.run(state.agentId, state.status, state.reason ?? null, state.idleSince ?? null, at);
    return { ...state, updatedAt: at };
  }

  subscriptions(agentId?: string): AgentSubscriptionRecord[] {
    const rows = agentId === undefined ? this.selectSubs.all() : this.selectSubsOf.all(agentId);
    return rows.map((row) => ({ agentId: row.agent_id, contactId: row.contact_id, at: row.at }));
  }

  subscribe(agentId: string, contactId: string, at: string): void {
    this.upsertSub.run(agentId, contactId, at);
  }

  offer(id: string): OfferRecord | undefined {
    const row = this.selectOffer.get(id);
    return row && toOffer(row);
  }

  insertOffer(offer: Omit<OfferRecord, 'endedAt' | 'endReason'>): void {
    this.insertOfferRow.run(offer.id, offer.interactionId, offer.agentId, offer.offeredAt, offer.expiresAt);
  }

  endOffer(id: string, reason: OfferEndReason, at: string): boolean {
    return this.endOfferRow.run(at, reason, id).changes > 0;
  }

  endOfferFor(interactionId: string, agentId: string, reason: OfferEndReason, at: string): boolean {
    return this.endOfferForRow.run(at, reason, interactionId, agentId).changes > 0;
  }

  endOpenOffers(reason: OfferEndReason, at: string): number {
    return this.endOpenRows.run(at, reason).changes;
  }

  declines(): AcdDeclineRecord[] {
    return this.selectDeclines.all().map(toDecline);
  }

  decline(interactionId: string, agentId: string, at: string): void {
    this.insertDecline.run(interactionId, agentId, at);
  }

  undecline(interactionId: string, agentId?: string): void {
    if (agentId === undefined) this.deleteDeclines.run(interactionId);
    else this.deleteDecline.run(interactionId, agentId);
  }

  transferExclusions(): AcdDeclineRecord[] {
    return this.selectExclusions.all().map(toDecline);
  }

  excludeAfterTransfer(interactionId: string, agentId: string, at: string): void {
    this.upsertExclusion.run(interactionId, agentId, at);
  }

  forgetInteraction(interactionId: string): void {
    this.deleteDeclines.run(interactionId);
    this.deleteExclusion.run(interactionId);
  }
}
