import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { BlockResult, Executor, RunContext } from '../engine/types.ts';
import { valueAtPath } from './path.ts';
import { errorText, renderTemplate } from './render.ts';

type Config = ConfigOf<'http-request'>;

/** Bodies past this size are refused: mapped values end up in the persisted run context. */
const MAX_BODY_CHARS = 1_000_000;

export const httpRequest: Executor<Config> = async ({ config, context, signal, services }) => {
  const method = config.method ?? 'GET';
  const timeoutMs = config.timeoutMs ?? 5000;
  const built = buildRequest(config, context, services.now());
  if (typeof built === 'string') return failure(built);
  const { url, init } = built;
  // The query string may carry tokens: reasons show origin and path only.
  const shown = `${method} ${url.origin}${url.pathname}`;
  if (services.dryRun && method !== 'GET') return { port: 'success', reason: `${shown} not sent in simulation` };

  const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  const started = performance.now();
  let status: number;
  let statusText: string;
  let text: string;
  try {
    const response = await services.fetch(url, { ...init, method, signal: deadline, redirect: 'follow' });
    ({ status, statusText } = response);
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    if (deadline.aborted) return failure(`${shown} timed out after ${timeoutMs} ms`);
    return failure(`${shown} failed: ${networkError(error)}`);
  }
  const details = { status, durationMs: Math.round(performance.now() - started) };
  const answered = `${shown} answered ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status < 200 || status > 299) return { ...failure(answered), patch: { vars: { httpStatus: status } }, details };
  if (text.length > MAX_BODY_CHARS) return { ...failure(`${answered} but the body is over ${MAX_BODY_CHARS} characters`), details };

  const mapping = config.responseMapping ?? [];
  if (mapping.length === 0) return { port: 'success', reason: answered, patch: { vars: { httpStatus: status } }, details };
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return { ...failure(`${answered} but the body is not JSON`), patch: { vars: { httpStatus: status } }, details };
  }
  const vars: Record<string, unknown> = { httpStatus: status };
  const missing: string[] = [];
  for (const { name, path } of mapping) {
    const value = valueAtPath(json, path);
    if (value === undefined) missing.push(`${name} (${path})`);
    else vars[name] = value;
  }
  const set = Object.keys(vars).filter((name) => name !== 'httpStatus');
  const parts = [answered, ...(set.length > 0 ? [`set ${set.join(', ')}`] : []), ...(missing.length > 0 ? [`not in the response: ${missing.join(', ')}`] : [])];
  return { port: 'success', reason: parts.join('; '), patch: { vars }, details };
};

/** The URL and request options with every template rendered, or why they could not be built. */
function buildRequest(config: Config, context: RunContext, now: Date): { url: URL; init: { headers: Headers; body?: string } } | string {
  let url: URL;
  const headers = new Headers();
  let body: string | undefined;
  try {
    const rendered = renderTemplate(config.url, context, now).trim();
    if (!URL.canParse(rendered)) return `the URL ${JSON.stringify(rendered)} is not a valid absolute URL`;
    url = new URL(rendered);
    for (const [name, template] of Object.entries(config.headers ?? {})) headers.set(name, renderTemplate(template, context, now));
    if (config.body !== undefined && (config.method ?? 'GET') !== 'GET') body = renderTemplate(config.body, context, now);
  } catch (error) {
    return `the request could not be built: ${errorText(error)}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the URL must be http or https, not ${url.protocol.replace(/:$/, '')}`;
  if (body !== undefined && !headers.has('content-type')) headers.set('content-type', isJson(body) ? 'application/json' : 'text/plain; charset=utf-8');
  return { url, init: body === undefined ? { headers } : { headers, body } };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** fetch says only "fetch failed"; the cause names the real problem (ECONNREFUSED, ENOTFOUND, bad port…). */
function networkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return `${errorText(error)} (${cause.code})`;
  if (cause instanceof Error) return `${errorText(error)} (${errorText(cause)})`;
  return errorText(error);
}

function failure(reason: string): BlockResult {
  return { port: 'failure', reason };
}
