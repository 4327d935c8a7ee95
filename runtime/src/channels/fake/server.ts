import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FakePlatform, FakeRoutes, PlatformName, RecordedRequest } from './types.ts';
import { sendWebhook, WEBHOOK_PLATFORMS, type WebhookPlatform } from './webhook-sender.ts';

export const FAKE_PLATFORMS: readonly PlatformName[] = ['facebook', 'messenger', 'whatsapp', 'twitter', 'line'];
export const FAULT_KINDS = ['error', 'rate-limit', 'timeout'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The next `count` requests to `platform` (under `path`, when given) fail this way. */
export interface Fault {
  platform: PlatformName;
  /** Exact path or prefix ("/2/tweets" matches "/2/tweets" and "/2/tweets/1/likes"). */
  path?: string;
  kind: FaultKind;
  count: number;
  /** 500 for an error, 429 for a rate limit unless given. */
  status?: number;
  /** The Retry-After of a rate limit, in seconds (1 unless given). */
  retryAfterSeconds?: number;
}

export interface FakePlatformsOptions {
  /** Each platform's API routes (real paths and wire formats), mounted beside the /_fake control API. */
  routes: readonly FakeRoutes[];
}

export interface FakePlatforms {
  app: Hono;
  /** What the route modules get. */
  platform: FakePlatform;
  requests(platform?: PlatformName): RecordedRequest[];
  clear(): void;
  fail(fault: Fault): void;
  clearFaults(): void;
  /** Lets every request held by a timeout fault go (with a 504 nobody waits for any more). */
  releaseHeld(): void;
}

class BadRequest extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

/** The fake platforms as a Hono app: route modules, the recorder, queued faults and the /_fake control API. */
export function createFakePlatforms(options: FakePlatformsOptions): FakePlatforms {
  const recorded: RecordedRequest[] = [];
  let faults: Fault[] = [];
  const held = new Set<() => void>();
  let lastId = 1_900_000_000_000_000_000n;

  const takeFault = (platform: PlatformName, path: string): Fault | undefined => {
    const fault = faults.find((candidate) => candidate.platform === platform && (!candidate.path || path.startsWith(candidate.path)));
    if (!fault) return undefined;
    fault.count--;
    if (fault.count <= 0) faults = faults.filter((candidate) => candidate !== fault);
    return fault;
  };

  const hold = (c: Context): Promise<Response> =>
    new Promise((resolve) => {
      const release = () => {
        held.delete(release);
        resolve(c.json({ error: { message: 'fake platform: timed out' } }, 504));
      };
      held.add(release);
      c.req.raw.signal.addEventListener('abort', release, { once: true });
    });

  const platform: FakePlatform = {
    async handle(c, name, success, status = 200) {
      const body = await readBody(c);
      const fault = takeFault(name, c.req.path);
      const answer = fault ? undefined : success(body);
      recorded.push({
        platform: name,
        method: c.req.method,
        path: c.req.path,
        query: c.req.query(),
        headers: Object.fromEntries(c.req.raw.headers.entries()),
        body,
        at: new Date().toISOString(),
        // A held request never gets a status; 0 says so.
        status: fault ? faultStatus(fault) : status,
        ...(fault && { fault: fault.kind }),
      });
      if (!fault) return c.json(answer, status as ContentfulStatusCode);
      if (fault.kind === 'timeout') return hold(c);
      const error = { error: { message: `fake platform: injected ${fault.kind}`, code: faultStatus(fault) } };
      if (fault.kind === 'rate-limit') c.header('Retry-After', String(fault.retryAfterSeconds ?? 1));
      return c.json(error, faultStatus(fault) as ContentfulStatusCode);
    },
    nextId: () => String(++lastId),
  };

  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof BadRequest) return c.json({ error: error.message, pointer: error.pointer }, 400);
    console.error('fake platforms: unhandled error', { method: c.req.method, path: c.req.path, error: error.stack ?? String(error) });
    return c.json({ error: 'internal error' }, 500);
  });
  app.notFound((c) => c.json({ error: `no fake platform route for ${c.req.method} ${c.req.path}` }, 404));

  app.get('/_fake/requests', (c) => {
    const name = c.req.query('platform');
    if (name !== undefined && !isPlatform(name)) throw new BadRequest('/platform', `platform must be one of ${FAKE_PLATFORMS.join(', ')}`);
    return c.json({ requests: recorded.filter((request) => name === undefined || request.platform === name) });
  });
  app.delete('/_fake/requests', (c) => {
    recorded.length = 0;
    return c.body(null, 204);
  });
  app.post('/_fake/faults', async (c) => {
    const fault = parseFault(await jsonBody(c));
    faults.push(fault);
    return c.json({ fault }, 201);
  });
  app.delete('/_fake/faults', (c) => {
    faults = [];
    return c.body(null, 204);
  });
  app.post('/_fake/webhooks/send', async (c) => {
    const request = parseWebhookRequest(await jsonBody(c));
    try {
      const answer = await sendWebhook(request);
      return c.json(answer);
    } catch (error) {
      return c.json({ error: `could not reach ${request.url}: ${error instanceof Error ? error.message : String(error)}` }, 502);
    }
  });

  for (const routes of options.routes) routes(app, platform);

  return {
    app,
    platform,
    requests: (name) => recorded.filter((request) => name === undefined || request.platform === name),
    clear: () => {
      recorded.length = 0;
    },
    fail: (fault) => {
      faults.push(parseFault(fault));
    },
    clearFaults: () => {
      faults = [];
    },
    releaseHeld: () => {
      for (const release of [...held]) release();
    },
  };
}

export interface StartFakePlatformsOptions extends FakePlatformsOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningFakePlatforms {
  url: string;
  app: Hono;
  requests(platform?: PlatformName): RecordedRequest[];
  clear(): void;
  fail(fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** Serves the fake platforms on loopback until `close()`. */
export async function startFakePlatforms(options: StartFakePlatformsOptions): Promise<RunningFakePlatforms> {
  const fake = createFakePlatforms(options);
  let server: ServerType | undefined;
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: fake.app.fetch, hostname: options.host ?? '127.0.0.1', port: options.port ?? 0 }, (info: AddressInfo) => {
      resolve(`http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`);
    });
  });
  const close = () =>
    new Promise<void>((resolve) => {
      fake.releaseHeld();
      if (!server) return resolve();
      server.close(() => resolve());
      // Held (timeout) and keep-alive connections would keep close() waiting.
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  return { url, app: fake.app, requests: fake.requests, clear: fake.clear, fail: fake.fail, clearFaults: fake.clearFaults, close };
}

function faultStatus(fault: Fault): number {
  if (fault.kind === 'timeout') return 0;
  return fault.status ?? (fault.kind === 'rate-limit' ? 429 : 500);
}

/** JSON, form fields or text, as the request's content type says; undefined when empty. */
async function readBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.length === 0) return undefined;
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new BadRequest('', 'the body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

function isPlatform(value: unknown): value is PlatformName {
  return typeof value === 'string' && (FAKE_PLATFORMS as readonly string[]).includes(value);
}

function parseFault(body: Fault | Record<string, unknown>): Fault {
  const { platform, path, kind, count = 1, status, retryAfterSeconds } = body;
  if (!isPlatform(platform)) throw new BadRequest('/platform', `platform must be one of ${FAKE_PLATFORMS.join(', ')}`);
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) throw new BadRequest('/path', 'path must start with "/"');
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) throw new BadRequest('/kind', `kind must be one of ${FAULT_KINDS.join(', ')}`);
  if (!Number.isInteger(count) || (count as number) < 1) throw new BadRequest('/count', 'count must be a positive integer');
  if (status !== undefined && (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599)) {
    throw new BadRequest('/status', 'status must be an HTTP error status (400–599)');
  }
  if (retryAfterSeconds !== undefined && (typeof retryAfterSeconds !== 'number' || !(retryAfterSeconds >= 0))) {
    throw new BadRequest('/retryAfterSeconds', 'retryAfterSeconds must be a number of seconds, 0 or more');
  }
  return {
    platform,
    kind: kind as FaultKind,
    count: count as number,
    ...(path !== undefined && { path: path as string }),
    ...(status !== undefined && { status: status as number }),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds: retryAfterSeconds as number }),
  };
}

function parseWebhookRequest(body: Record<string, unknown>): { url: string; platform: WebhookPlatform; secret: string; body: string } {
  const { url, platform, secret } = body;
  if (typeof url !== 'string' || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new BadRequest('/url', 'url must be an http(s) URL');
  if (typeof platform !== 'string' || !(WEBHOOK_PLATFORMS as readonly string[]).includes(platform)) {
    throw new BadRequest('/platform', `platform must be one of ${WEBHOOK_PLATFORMS.join(', ')}`);
  }
  if (typeof secret !== 'string' || secret.length === 0) throw new BadRequest('/secret', 'secret must be a non-empty string');
  if (typeof body.body !== 'string') throw new BadRequest('/body', 'body must be a string (sent byte for byte)');
  return { url, platform: platform as WebhookPlatform, secret, body: body.body };
}
