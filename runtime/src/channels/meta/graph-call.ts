import type { SendResult } from '../../outbox/dispatcher.ts';
import { isObject, type Json } from './common.ts';

/** The Graph API host, with the version the wire formats here were written against. */
export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v25.0';

/**
 * Graph error codes that mean "slow down" although the HTTP status is a 4xx:
 * app, user, page and business-use-case throttling; WhatsApp throughput, spam
 * and pair rate limits.
 */
const THROTTLED_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80004, 80005, 80006, 80008, 80014, 130429, 131048, 131056]);
/** Graph codes documented as temporary (unknown error, service unavailable). */
const TRANSIENT_CODES = new Set([1, 2]);

/** Why a permanent failure happened, in words, for the codes people meet most. */
const EXPLAINED: Record<number, string> = {
  131047: 'the 24-hour customer service window is closed: only template messages may be sent',
  131026: 'the recipient cannot receive this message',
  190: 'the access token is invalid or expired',
};

/** POSTs JSON to the Graph API with a Bearer token and maps the answer to a send result. */
export async function graphPost(
  fetcher: typeof fetch,
  url: string,
  token: string,
  body: Json,
  signal: AbortSignal,
  resultId: (json: Json) => string | undefined,
): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    const reason = signal.aborted ? 'timed out' : error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Graph API unreachable (${reason})` };
  }
  const raw = await response.text().catch(() => '');
  let json: Json = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (isObject(parsed)) json = parsed;
  } catch {
    // A proxy's HTML error page: the status alone decides.
  }
  if (response.ok) {
    const id = resultId(json);
    return id ? { ok: true, platformResultId: id } : { ok: true };
  }

  const error = isObject(json.error) ? json.error : {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : raw.slice(0, 200) || response.statusText;
  const described = `Graph API ${response.status}${code !== undefined ? ` (code ${code})` : ''}: ${code !== undefined && EXPLAINED[code] ? `${EXPLAINED[code]}; ` : ''}${message}`;

  if (response.status === 429 || (code !== undefined && THROTTLED_CODES.has(code))) {
    const retryAfterSeconds = retryAfter(response.headers);
    return { ok: false, error: described, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) };
  }
  if (response.status >= 500 || response.status === 408 || error.is_transient === true || (code !== undefined && TRANSIENT_CODES.has(code))) {
    return { ok: false, error: described };
  }
  return { ok: false, error: described, permanent: true };
}

/** `Retry-After` (seconds or an HTTP date), else the Business Use Case header's minutes to regain access. */
function retryAfter(headers: Headers): number | undefined {
  const header = headers.get('retry-after');
  if (header) {
    if (/^\d+$/.test(header.trim())) return Number(header.trim());
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  const usage = headers.get('x-business-use-case-usage');
  if (!usage) return undefined;
  try {
    const parsed: unknown = JSON.parse(usage);
    const minutes = (isObject(parsed) ? Object.values(parsed) : [])
      .flatMap((entries) => (Array.isArray(entries) ? entries : []))
      .map((entry) => (isObject(entry) && typeof entry.estimated_time_to_regain_access === 'number' ? entry.estimated_time_to_regain_access : 0));
    const longest = Math.max(0, ...minutes);
    return longest > 0 ? longest * 60 : undefined;
  } catch {
    return undefined;
  }
}
