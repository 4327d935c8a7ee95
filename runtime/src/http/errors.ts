import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '../../../schemas/problems.ts';
import { AcdError, type AcdErrorCode } from '../acd/types.ts';

/** The one error the routes throw for a bad request; turned into JSON in one place. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly details: { pointer?: string; problems?: Problem[]; [key: string]: unknown } = {},
  ) {
    super(message);
  }

  static invalid(problems: Problem[], what = 'request body'): ApiError {
    const first = problems[0];
    return new ApiError(400, `invalid ${what}: ${first ? `${first.pointer || '/'}: ${first.message}` : 'unknown problem'}`, {
      pointer: first?.pointer ?? '',
      problems,
    });
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, `${what} not found`);
  }
}

/** The HTTP status of each ACD refusal: the one place they are mapped. */
export const ACD_ERROR_STATUS: Readonly<Record<AcdErrorCode, ContentfulStatusCode>> = {
  invalid: 400,
  'unknown-interaction': 404,
  'unknown-agent': 404,
  'unknown-offer': 404,
  'not-owner': 403,
  'offer-closed': 409,
  'no-capacity': 409,
  'not-available': 409,
  'not-assigned': 409,
  'not-in-personal-queue': 409,
  'duplicate-interaction': 409,
};

export function errorResponse(error: Error, c: Context, log: (message: string, fields: Record<string, unknown>) => void): Response {
  if (error instanceof ApiError) return c.json({ error: error.message, ...error.details }, error.status);
  if (error instanceof AcdError) return c.json({ error: error.message, code: error.code }, ACD_ERROR_STATUS[error.code]);
  // Anything else is a bug: logged with context, answered without leaking internals.
  log('unhandled error', { method: c.req.method, path: c.req.path, error: error.stack ?? String(error) });
  return c.json({ error: 'internal error' }, 500);
}
