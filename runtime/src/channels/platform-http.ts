import type { SendResult } from '../outbox/dispatcher.ts';

/**
 * One JSON call to a platform API and the outbox's reading of the answer:
 * 2xx ok, 429 retry after what the platform says, 5xx / network / timeout
 * retryable, any other 4xx permanent with the platform's own words.
 * Shared by the X, LINE and Meta (Graph API) senders.
 */
export interface PlatformAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export type Fetch = typeof fetch;

export async function postJson(
  fetchImpl: Fetch,
  url: string,
  body: unknown,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<PlatformAnswer | { failure: Extract<SendResult, { ok: false }> }> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    const timedOut = signal.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
    const why = timedOut ? 'timed out' : `network error: ${causeOf(error)}`;
    return { failure: { ok: false, error: `POST ${new URL(url).pathname} ${why}` } };
  }
  let text = '';
  try {
    text = await response.text();
  } catch (error) {
    // A 2xx whose body got lost was still done by the platform: sending it again would post it twice.
    if (response.ok) return { status: response.status, headers: response.headers, body: undefined };
    return { failure: { ok: false, error: `POST ${new URL(url).pathname}: reading the answer failed: ${causeOf(error)}` } };
  }
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's HTML error page): keep the text for the error message.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** The SendResult of a non-2xx answer; `message` is the platform's own explanation, when it gave one. */
export function failureOf(answer: PlatformAnswer, what: string, message: string | undefined, now = Date.now()): SendResult {
  const said = message ? `: ${message}` : '';
  const error = `${what} answered ${answer.status}${said}`;
  if (answer.status === 429) {
    const retryAfterSeconds = retryAfter(answer.headers, now);
    return retryAfterSeconds === undefined ? { ok: false, error } : { ok: false, error, retryAfterSeconds };
  }
  if (answer.status >= 500 || answer.status === 408) return { ok: false, error };
  return { ok: false, error, permanent: true };
}

/** A failure retrying cannot mend (a platform rule broken, a setting missing): the item goes dead at once. */
export function permanent(error: string): SendResult {
  return { ok: false, error, permanent: true };
}

/** Seconds to wait: `Retry-After` (seconds or an HTTP date), else X's `x-rate-limit-reset` (epoch seconds). */
export function retryAfter(headers: Headers, now = Date.now()): number | undefined {
  const header = headers.get('retry-after')?.trim();
  if (header) {
    if (/^\d+$/.test(header)) return Number(header);
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(1, Math.ceil((at - now) / 1000));
  }
  const reset = headers.get('x-rate-limit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(1, Number(reset) - Math.floor(now / 1000));
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
