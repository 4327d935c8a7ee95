import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '../../../schemas/problems.ts';

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

export function errorResponse(error: Error, c: Context, log: (message: string, fields: Record<string, unknown>) => void): Response {
  if (error instanceof ApiError) return c.json({ error: error.message, ...error.details }, error.status);
  // Anything else is a bug: logged with context, answered without leaking internals.
  log('unhandled error', { method: c.req.method, path: c.req.path, error: error.stack ?? String(error) });
  return c.json({ error: 'internal error' }, 500);
}
