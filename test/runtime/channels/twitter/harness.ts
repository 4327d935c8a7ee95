import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountDirectory } from '../../../../runtime/src/channels/accounts.ts';
import { lineWebhook } from '../../../../runtime/src/channels/line/index.ts';
import { twitterWebhook } from '../../../../runtime/src/channels/twitter/index.ts';
import type { AccountDirectory } from '../../../../runtime/src/channels/types.ts';
import { startRuntime, type Runtime } from '../../../../runtime/src/server.ts';
import type { MessageRecord, OutboxRecord, ResourceRepo } from '../../../../runtime/src/store/types.ts';
import type { Account, Resource } from '../../../../schemas/resources/index.ts';

/** Shared by the Twitter and LINE channel tests. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
/** Other people's payloads, read in place (never copied into the project). */
export const SHARED_CHANNELS = join(REPO_ROOT, '..', 'shared', 'channels');

export const TWITTER_SECRET = 'corpus-twitter-consumer-secret';
export const LINE_SECRET = 'corpus-line-channel-secret';

export function twitterSignature(raw: Buffer | string, secret = TWITTER_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('base64')}`;
}

export function lineSignature(raw: Buffer | string, secret = LINE_SECRET): string {
  return createHmac('sha256', secret).update(raw).digest('base64');
}

export function account(id: string, channel: Account['channel'], platformId: string, secrets: Record<string, string>, extra: Partial<Account> = {}): Account {
  return {
    kind: 'account',
    id,
    name: `test ${id}`,
    channel,
    platformId,
    secrets: Object.fromEntries(Object.entries(secrets).map(([name, env]) => [name, { env }])),
    ...extra,
  };
}

/** A runtime on an in-memory store serving the Twitter and LINE webhooks, with the sample deployment and these accounts. */
export async function webhookRuntime(accounts: Account[], options: { seed?: boolean } = {}): Promise<Runtime> {
  const runtime = await startRuntime(
    { database: ':memory:', quiet: true, webhooks: [twitterWebhook, lineWebhook], ...(options.seed !== false && { seed: join(REPO_ROOT, 'flows') }) },
    false,
  );
  for (const item of accounts) runtime.store.resources.put(item as Resource);
  return runtime;
}

export async function postWebhook(runtime: Runtime, path: string, raw: Buffer | string, headers: Record<string, string>) {
  const response = await runtime.app.request(`/webhooks/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

export function inbound(runtime: Runtime): MessageRecord[] {
  return runtime.store.messages.list({ limit: 1000 }).filter((message) => message.direction === 'in');
}

/** An AccountDirectory over a fixed list, with secrets from `env` (for sender tests, no store). */
export function directory(accounts: Account[], env: NodeJS.ProcessEnv): AccountDirectory {
  const resources: ResourceRepo = {
    list: () => accounts as Resource[],
    get: () => undefined,
    put: (resource) => resource,
    delete: () => false,
  };
  return accountDirectory(resources, env);
}

export function outboxItem(overrides: Partial<OutboxRecord> & Pick<OutboxRecord, 'channel' | 'account' | 'target'>): OutboxRecord {
  const at = new Date().toISOString();
  return {
    id: '0190f5a2-7b1c-7d2e-9f30-a1b2c3d4e5f6',
    action: 'reply',
    retryForSeconds: 300,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    deadlineAt: at,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: unknown;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

/** A real HTTP server on 127.0.0.1, answering from a script (the last answer repeats) and recording every request. */
export async function scriptedServer(script: Answer[]) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // kept as text
      }
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, raw, body });
      const answer = script[Math.min(received.length - 1, script.length - 1)];
      if (answer.hang) return;
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls until `read` gives something (flows run after the webhook's answer). */
export { eventually } from '../../outbox/support.ts';
