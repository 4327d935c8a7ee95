import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

/** Lists without a limit return this many rows; no list returns more than MAX_LIMIT. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit < 1) return DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}

/** SQL NULL becomes an absent optional field. */
export function optional<T>(value: T | null): T | undefined {
  return value ?? undefined;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Reads a JSON column this store wrote itself from a typed value, so the shape is known. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** "a, b" as "@a, @b" (named parameters) or "t.a, t.b" (columns of a joined table). */
export function prefixColumns(columns: string, prefix: string): string {
  return columns.split(', ').map((column) => `${prefix}${column}`).join(', ');
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

type Bindable = string | number;

/** SQL term for "column is one of a list bound as JSON text", for FilteredQuery conditions. */
export const inJsonList = (column: string, parameter: string): string => `${column} IN (SELECT value FROM json_each(@${parameter}))`;

/** A list filter as FilteredQuery binds it: its id list as the JSON text `inJsonList` reads. */
export type WithIdList<F> = Omit<F, 'interactionIds'> & { interactionIds?: string };

export function withIdList<F extends { interactionIds?: readonly string[] }>(filter: F): WithIdList<F> {
  const { interactionIds, ...rest } = filter;
  return interactionIds === undefined ? rest : { ...rest, interactionIds: JSON.stringify(interactionIds) };
}

/**
 * A list query whose WHERE clause depends on which filters are set. Each
 * combination is prepared the first time it is used and reused after, so
 * every query can use the index for its filters (a single statement with
 * `(? IS NULL OR col = ?)` terms cannot).
 */
export class FilteredQuery<F extends { [K in keyof F]?: Bindable } & { limit?: number }, Row> {
  private readonly statements = new Map<string, Statement<[Record<string, Bindable>], Row>>();
  private readonly conditions: Array<[key: Exclude<keyof F, 'limit'> & string, sql: string]>;

  constructor(
    private readonly db: Db,
    private readonly select: string,
    /** The SQL term for each filter field, with the field as its named parameter (`state = @state`). */
    conditions: { [K in Exclude<keyof F, 'limit'> & string]-?: string },
    private readonly orderBy: string,
  ) {
    this.conditions = Object.entries<string>(conditions).map(([key, sql]) => [key as Exclude<keyof F, 'limit'> & string, sql]);
  }

  all(filter: F): Row[] {
    const params: Record<string, Bindable> = { limit: pageSize(filter.limit) };
    const terms: string[] = [];
    for (const [key, sql] of this.conditions) {
      const value = filter[key];
      if (value === undefined) continue;
      terms.push(sql);
      params[key] = value;
    }
    const shape = terms.join(' AND ');
    let statement = this.statements.get(shape);
    if (!statement) {
      statement = this.db.prepare<[Record<string, Bindable>], Row>(
        `${this.select}${shape ? ` WHERE ${shape}` : ''} ORDER BY ${this.orderBy} LIMIT @limit`,
      );
      this.statements.set(shape, statement);
    }
    return statement.all(params);
  }
}
