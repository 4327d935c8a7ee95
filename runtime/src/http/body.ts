import type { Context } from 'hono';
import { resourceId } from '../../../schemas/resources/common.ts';
import { schemaProblems } from '../../../schemas/schema-check.ts';
import { ApiError } from './errors.ts';

/** Reads a JSON body: malformed JSON and schema violations become a 400 naming the field. */
export async function readJson(c: Context, schema?: object): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new ApiError(400, 'request body is empty: a JSON document is expected', { pointer: '' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, `malformed JSON: ${error instanceof Error ? error.message : String(error)}`, { pointer: '' });
  }
  if (schema) {
    const problems = schemaProblems(schema, value);
    if (problems.length > 0) throw ApiError.invalid(problems);
  }
  return value;
}

/** An optional body: none at all is fine, anything given must match the schema. */
export async function optionalJson(c: Context, schema: object): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  return (await readJson(c, schema)) as Record<string, unknown>;
}

/** An optional integer query parameter within bounds, else a 400 naming it. */
export function intQuery(c: Context, name: string, min: number, max: number): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ApiError(400, `query parameter "${name}" must be an integer from ${min} to ${max}`, { pointer: `?${name}` });
  }
  return value;
}

/** An optional query parameter that must be one of `allowed`. */
export function enumQuery<T extends string>(c: Context, name: string, allowed: readonly T[]): T | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ApiError(400, `query parameter "${name}" must be one of ${allowed.join(', ')}`, { pointer: `?${name}` });
  }
  return raw as T;
}

const RESOURCE_ID = new RegExp(resourceId.pattern);

/** An optional query parameter naming a resource (an agent, a queue) by its id, else a 400 naming it. */
export function idQuery(c: Context, name: string): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  if (!RESOURCE_ID.test(raw)) {
    throw new ApiError(400, `query parameter "${name}" must be a resource id (lower-case letters, digits, ".", "_" or "-", at most 64)`, { pointer: `?${name}` });
  }
  return raw;
}

export function timeQuery(c: Context, name: string): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const time = new Date(raw);
  if (Number.isNaN(time.getTime())) throw new ApiError(400, `query parameter "${name}" must be an ISO date-time`, { pointer: `?${name}` });
  return time.toISOString();
}
