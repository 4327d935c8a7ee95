import type { SendResult } from '../../outbox/dispatcher.ts';
import { type Fetch, isObject, postJson, retryAfter } from '../platform-http.ts';
import type { Json } from './common.ts';

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
  fetcher: Fetch,
  url: string,
  token: string,
  body: Json,
  signal: AbortSignal,
  resultId: (json: Json) => string | undefined,
): Promise<SendResult> {
  const answer = await postJson(fetcher, url, body, { authorization: `Bearer ${token}` }, signal);
  if ('failure' in answer) return { ok: false, error: `Graph API unreachable (${answer.failure.error})` };
  const json: Json = isObject(answer.body) ? answer.body : {};
  if (answer.status >= 200 && answer.status < 300) {
    const id = resultId(json);
    return id ? { ok: true, platformResultId: id } : { ok: true };
  }

  const error = isObject(json.error) ? json.error : {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  const raw = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
  const message = typeof error.message === 'string' ? error.message : raw.slice(0, 200) || `HTTP ${answer.status}`;
  const described = `Graph API ${answer.status}${code !== undefined ? ` (code ${code})` : ''}: ${code !== undefined && EXPLAINED[code] ? `${EXPLAINED[code]}; ` : ''}${message}`;

  if (answer.status === 429 || (code !== undefined && THROTTLED_CODES.has(code))) {
    const retryAfterSeconds = retryAfter(answer.headers) ?? regainAccessSeconds(answer.headers);
    return { ok: false, error: described, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) };
  }
  if (answer.status >= 500 || answer.status === 408 || error.is_transient === true || (code !== undefined && TRANSIENT_CODES.has(code))) {
    return { ok: false, error: described };
  }
  return { ok: false, error: described, permanent: true };
}

/** The Business Use Case header's minutes to regain access, in seconds (what Graph sends instead of Retry-After). */
function regainAccessSeconds(headers: Headers): number | undefined {
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
