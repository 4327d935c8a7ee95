import type { Resource, ResourceKind } from '../../../../schemas/resources/index.ts';
import type { ResourceRepo } from '../types.ts';
import type { Db } from './db.ts';
import { fromJson, toJson } from './rows.ts';

/** Resource documents (queues, skills, schedules…) keyed by kind and id, stored whole. */
export class SqliteResourceRepo implements ResourceRepo {
  private readonly selectAll;
  private readonly selectKind;
  private readonly selectOne;
  private readonly upsert;
  private readonly remove;

  constructor(db: Db) {
    this.selectAll = db.prepare<[], string>('SELECT document FROM resources ORDER BY kind, id').pluck();
    this.selectKind = db.prepare<[string], string>('SELECT document FROM resources WHERE kind = ? ORDER BY id').pluck();
    this.selectOne = db.prepare<[string, string], string>('SELECT document FROM resources WHERE kind = ? AND id = ?').pluck();
    this.upsert = db.prepare<[string, string, string, string]>(
      `INSERT INTO resources (kind, id, document, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[string, string]>('DELETE FROM resources WHERE kind = ? AND id = ?');
  }

  list<K extends ResourceKind>(kind?: K): Resource[] {
    const documents = kind === undefined ? this.selectAll.all() : this.selectKind.all(kind);
    return documents.map((document) => fromJson<Resource>(document));
  }

  get(kind: ResourceKind, id: string): Resource | undefined {
    const document = this.selectOne.get(kind, id);
    return document === undefined ? undefined : fromJson<Resource>(document);
  }

  put(resource: Resource): Resource {
    this.upsert.run(resource.kind, resource.id, toJson(resource), new Date().toISOString());
    return resource;
  }

  delete(kind: ResourceKind, id: string): boolean {
    return this.remove.run(kind, id).changes > 0;
  }
}
