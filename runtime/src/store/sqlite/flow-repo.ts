import type { Flow } from '../../../../schemas/flow.ts';
import { ConflictError, NotFoundError, type FlowRecord, type FlowRepo, type FlowVersionRecord } from '../types.ts';
import type { Db } from './db.ts';
import { fromJson, optional, prefixColumns, toJson } from './rows.ts';

interface FlowRow {
  id: string;
  name: string;
  draft: string;
  revision: number;
  updated_at: string;
  updated_by: string | null;
  active_version: number | null;
}

interface VersionRow {
  flow_id: string;
  version: number;
  document: string;
  comment: string;
  published_at: string;
  published_by: string | null;
  rolled_back_from: number | null;
}

const FLOW_COLUMNS = 'id, name, draft, revision, updated_at, updated_by, active_version';
const VERSION_COLUMNS = 'flow_id, version, document, comment, published_at, published_by, rolled_back_from';

function toFlow(row: FlowRow): FlowRecord {
  return {
    id: row.id,
    name: row.name,
    draft: fromJson<Flow>(row.draft),
    revision: row.revision,
    updatedAt: row.updated_at,
    updatedBy: optional(row.updated_by),
    activeVersion: optional(row.active_version),
  };
}

function toVersion(row: VersionRow): FlowVersionRecord {
  return {
    flowId: row.flow_id,
    version: row.version,
    document: fromJson<Flow>(row.document),
    comment: row.comment,
    publishedAt: row.published_at,
    publishedBy: optional(row.published_by),
    rolledBackFrom: optional(row.rolled_back_from),
  };
}

/**
 * Flow drafts with optimistic concurrency, and their published versions.
 * The stored draft carries the record's revision, so a client that reads a
 * draft can send it back as is. Deleting a flow deletes its versions too
 * (past runs keep flow id and version as plain values).
 */
export class SqliteFlowRepo implements FlowRepo {
  private readonly selectAll;
  private readonly selectOne;
  private readonly selectRevision;
  private readonly insert;
  private readonly update;
  private readonly remove;
  private readonly selectVersions;
  private readonly selectVersion;
  private readonly selectLastVersion;
  private readonly insertVersion;
  private readonly activate;
  private readonly selectActive;
  private readonly publishTx;

  constructor(db: Db) {
    this.selectAll = db.prepare<[], FlowRow>(`SELECT ${FLOW_COLUMNS} FROM flows ORDER BY id`);
    this.selectOne = db.prepare<[string], FlowRow>(`SELECT ${FLOW_COLUMNS} FROM flows WHERE id = ?`);
    this.selectRevision = db.prepare<[string], number>('SELECT revision FROM flows WHERE id = ?').pluck();
    this.insert = db.prepare<[string, string, string, string, string | null], FlowRow>(
      `INSERT INTO flows (id, name, draft, revision, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?)
       ON CONFLICT (id) DO NOTHING RETURNING ${FLOW_COLUMNS}`,
    );
    this.update = db.prepare<[string, string, string, string | null, string, number], FlowRow>(
      `UPDATE flows SET name = ?, draft = ?, revision = revision + 1, updated_at = ?, updated_by = ?
       WHERE id = ? AND revision = ? RETURNING ${FLOW_COLUMNS}`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM flows WHERE id = ?');
    this.selectVersions = db.prepare<[string], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM flow_versions WHERE flow_id = ? ORDER BY version`);
    this.selectVersion = db.prepare<[string, number], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM flow_versions WHERE flow_id = ? AND version = ?`);
    this.selectLastVersion = db.prepare<[string], number>('SELECT COALESCE(MAX(version), 0) FROM flow_versions WHERE flow_id = ?').pluck();
    this.insertVersion = db.prepare<[string, number, string, string, string, string | null, number | null]>(
      `INSERT INTO flow_versions (${VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.activate = db.prepare<[number, string]>('UPDATE flows SET active_version = ? WHERE id = ?');
    this.selectActive = db.prepare<[], VersionRow>(
      `SELECT ${prefixColumns(VERSION_COLUMNS, 'v.')}
       FROM flows f JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.active_version ORDER BY f.id`,
    );
    this.publishTx = db.transaction((id: string, document: Flow, comment: string, by?: string, rolledBackFrom?: number) => {
      if (this.selectRevision.get(id) === undefined) throw new NotFoundError(`flow ${id} does not exist`);
      if (rolledBackFrom !== undefined && !this.selectVersion.get(id, rolledBackFrom)) {
        throw new NotFoundError(`flow ${id} has no version ${rolledBackFrom}`);
      }
      const record: FlowVersionRecord = {
        flowId: id,
        version: this.selectLastVersion.get(id)! + 1,
        document,
        comment,
        publishedAt: new Date().toISOString(),
        publishedBy: by,
        rolledBackFrom,
      };
      this.insertVersion.run(id, record.version, toJson(document), comment, record.publishedAt, by ?? null, rolledBackFrom ?? null);
      this.activate.run(record.version, id);
      return record;
    });
  }

  list(): FlowRecord[] {
    return this.selectAll.all().map(toFlow);
  }

  get(id: string): FlowRecord | undefined {
    const row = this.selectOne.get(id);
    return row && toFlow(row);
  }

  create(flow: Flow, by?: string): FlowRecord {
    const row = this.insert.get(flow.id, flow.name, toJson({ ...flow, revision: 1 }), new Date().toISOString(), by ?? null);
    if (!row) throw new ConflictError(`flow ${flow.id} already exists`, this.selectRevision.get(flow.id) ?? 0);
    return toFlow(row);
  }

  save(flow: Flow, expectedRevision: number, by?: string): FlowRecord {
    const draft = toJson({ ...flow, revision: expectedRevision + 1 });
    const row = this.update.get(flow.name, draft, new Date().toISOString(), by ?? null, flow.id, expectedRevision);
    if (row) return toFlow(row);
    const current = this.selectRevision.get(flow.id);
    if (current === undefined) throw new NotFoundError(`flow ${flow.id} does not exist`);
    throw new ConflictError(`flow ${flow.id} is at revision ${current}, not ${expectedRevision}`, current);
  }

  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }

  publish(id: string, document: Flow, comment: string, by?: string, rolledBackFrom?: number): FlowVersionRecord {
    return this.publishTx.immediate(id, document, comment, by, rolledBackFrom);
  }

  versions(id: string): FlowVersionRecord[] {
    return this.selectVersions.all(id).map(toVersion);
  }

  version(id: string, version: number): FlowVersionRecord | undefined {
    const row = this.selectVersion.get(id, version);
    return row && toVersion(row);
  }

  active(): FlowVersionRecord[] {
    return this.selectActive.all().map(toVersion);
  }
}
