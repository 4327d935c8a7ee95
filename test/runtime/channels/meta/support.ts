import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { facebookWebhook, whatsappWebhook } from '../../../../runtime/src/channels/meta/index.ts';
import { startRuntime, type Runtime } from '../../../../runtime/src/server.ts';
import type { MessageRecord } from '../../../../runtime/src/store/types.ts';
import type { Account } from '../../../../schemas/resources/index.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
/** The shared channel reference, read in place (other people's files: never copied into the project). */
export const CORPUS = join(REPO_ROOT, '..', 'shared', 'channels');
export const APP_SECRET = 'corpus-meta-app-secret';
export const VERIFY_TOKEN = 'corpus-verify-token';

/** The environment the sample accounts name. */
export function setMetaEnv(): void {
  process.env.META_APP_SECRET = APP_SECRET;
  process.env.META_VERIFY_TOKEN = VERIFY_TOKEN;
  process.env.META_PAGE_ACCESS_TOKEN = 'page-token';
  process.env.WHATSAPP_ACCESS_TOKEN = 'whatsapp-token';
}

export function corpusFile(relative: string): Buffer {
  return readFileSync(join(CORPUS, relative));
}

export function sign(raw: Buffer | string, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

const secrets = (token: 'pageAccessToken' | 'accessToken') => ({
  appSecret: { env: 'META_APP_SECRET' },
  verifyToken: { env: 'META_VERIFY_TOKEN' },
  [token]: { env: token === 'pageAccessToken' ? 'META_PAGE_ACCESS_TOKEN' : 'WHATSAPP_ACCESS_TOKEN' },
});

/**
 * The sample accounts re-pointed at the pages and numbers of the shared
 * payloads (so the sample flows run for them), plus accounts for the others.
 */
export const CORPUS_ACCOUNTS: Account[] = [
  { kind: 'account', id: 'acme-facebook', name: 'Acme Facebook page (feed)', channel: 'facebook', platformId: '1234567890321', handle: 'acme', secrets: secrets('pageAccessToken') },
  { kind: 'account', id: 'acme-messenger', name: 'Acme Facebook page (Messenger)', channel: 'messenger', platformId: '1234567890', secrets: secrets('pageAccessToken') },
  { kind: 'account', id: 'corpus-messenger-b', name: 'restfb test page (Messenger)', channel: 'messenger', platformId: '12345654332', secrets: secrets('pageAccessToken') },
  { kind: 'account', id: 'corpus-messenger-c', name: 'restfb reaction page (Messenger)', channel: 'messenger', platformId: '1234567890321', secrets: secrets('pageAccessToken') },
  { kind: 'account', id: 'acme-whatsapp', name: 'Acme support on WhatsApp', channel: 'whatsapp', platformId: '10634295353625', secrets: secrets('accessToken') },
  { kind: 'account', id: 'acme-whatsapp-sales', name: 'Acme store orders on WhatsApp', channel: 'whatsapp', platformId: '1234567890', secrets: secrets('accessToken') },
  { kind: 'account', id: 'corpus-whatsapp-image', name: 'pywa test number', channel: 'whatsapp', platformId: '1122334455667', secrets: secrets('accessToken') },
];

/** The runtime with the sample deployment and the Meta webhooks, on an in-memory store, reached by `app.request()`. */
export async function metaRuntime(): Promise<Runtime> {
  setMetaEnv();
  const runtime = await startRuntime({ database: ':memory:', quiet: true, seed: join(REPO_ROOT, 'flows'), webhooks: [facebookWebhook, whatsappWebhook] }, false);
  for (const account of CORPUS_ACCOUNTS) {
    const response = await runtime.app.request(`/api/resources/account/${account.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
    if (response.status >= 300) throw new Error(`PUT account ${account.id}: ${response.status} ${await response.text()}`);
  }
  return runtime;
}

export async function postWebhook(runtime: Runtime, path: 'facebook' | 'whatsapp', raw: Buffer | string, signature: string | null = sign(raw)) {
  const response = await runtime.app.request(`/webhooks/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature !== null && { 'x-hub-signature-256': signature }) },
    // The exact bytes: a signature is over them.
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: response.status, json };
}

export function storedMessages(runtime: Runtime): MessageRecord[] {
  return runtime.store.messages.list({ limit: 1000 });
}

/** Waits for the flow runs started after the acknowledgement to leave `running`. */
export async function settledRuns(runtime: Runtime, messageId: string, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const runs = runtime.store.executions.list({ messageId });
    if (runs.length > 0 && runs.every((run) => run.status !== 'running')) return runs;
    if (Date.now() > until) return runs;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The restfb feed fixtures were anonymised with the page's own id as the
 * author; this is the same bytes with a customer as the author instead.
 */
export const CUSTOMER_ID = '4455667788990011';
export function asCustomer(raw: Buffer): string {
  return raw
    .toString('utf8')
    .replace(/"from": \{[^}]*\}/, (block) => block.replace('1234567890321', CUSTOMER_ID))
    .replace('"sender_id": 1234567890321', `"sender_id": ${CUSTOMER_ID}`);
}
