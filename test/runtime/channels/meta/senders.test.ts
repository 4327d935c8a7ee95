import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metaFakeRoutes } from '../../../../runtime/src/channels/fake/meta.ts';
import { createFakePlatforms, type FakePlatforms } from '../../../../runtime/src/channels/fake/server.ts';
import { createMetaSenders, type MetaSenderOptions } from '../../../../runtime/src/channels/meta/index.ts';
import type { AccountDirectory } from '../../../../runtime/src/channels/types.ts';
import type { OutboxRecord } from '../../../../runtime/src/store/types.ts';
import type { Account } from '../../../../schemas/resources/index.ts';

/** The Meta senders against the fake Graph API on a real loopback socket. */

const ACCOUNTS: Account[] = [
  { kind: 'account', id: 'acme-facebook', name: 'feed', channel: 'facebook', platformId: '104729386215533', secrets: { pageAccessToken: { env: 'TEST_PAGE_TOKEN' } } },
  { kind: 'account', id: 'acme-messenger', name: 'messenger', channel: 'messenger', platformId: '104729386215533', secrets: { pageAccessToken: { env: 'TEST_PAGE_TOKEN' } } },
  { kind: 'account', id: 'acme-whatsapp', name: 'whatsapp', channel: 'whatsapp', platformId: '106540352242922', secrets: { accessToken: { env: 'TEST_WA_TOKEN' } } },
  { kind: 'account', id: 'no-token', name: 'no token', channel: 'whatsapp', platformId: '1', secrets: { accessToken: { env: 'TEST_UNSET_TOKEN' } } },
];
const TOKENS: Record<string, string> = { TEST_PAGE_TOKEN: 'page-token', TEST_WA_TOKEN: 'wa-token' };
const directory: AccountDirectory = {
  find: (channel, platformId) => ACCOUNTS.find((account) => account.channel === channel && account.platformId === platformId),
  of: (channels) => ACCOUNTS.filter((account) => channels.includes(account.channel)),
  secret: (account, name) => TOKENS[account.secrets?.[name]?.env ?? ''],
};

function item(overrides: Partial<OutboxRecord> & Pick<OutboxRecord, 'channel' | 'account'>): OutboxRecord {
  return {
    id: 'out-1', action: 'reply', visibility: 'private', text: 'Thanks, we are on it.',
    target: { messageId: 'msg-1', platformMessageId: 'm_abc', authorId: '7364582910374625', replyTarget: { kind: 'message', id: 'm_abc' } },
    retryForSeconds: 600, status: 'pending', attempts: 0, nextAttemptAt: '2026-06-17T10:00:00.000Z', deadlineAt: '2026-06-17T10:10:00.000Z',
    createdAt: '2026-06-17T10:00:00.000Z', updatedAt: '2026-06-17T10:00:00.000Z',
    ...overrides,
  };
}
const comment = (overrides: Partial<OutboxRecord> = {}) =>
  item({
    channel: 'facebook', account: 'acme-facebook', visibility: 'public',
    target: { messageId: 'msg-2', platformMessageId: '901097836652708_903438993085259', authorId: '4455667788990011', replyTarget: { kind: 'comment', id: '901097836652708_903438993085259' }, threadId: '104729386215533_901097836652708' },
    ...overrides,
  });
const messenger = (overrides: Partial<OutboxRecord> = {}) => item({ channel: 'messenger', account: 'acme-messenger', ...overrides });
const whatsapp = (overrides: Partial<OutboxRecord> = {}) =>
  item({ channel: 'whatsapp', account: 'acme-whatsapp', target: { messageId: 'msg-3', platformMessageId: 'wamid.in', authorId: '447700900555', replyTarget: { kind: 'message', id: 'wamid.in' } }, ...overrides });

describe('Meta senders', () => {
  let fake: FakePlatforms;
  let server: ServerType;
  let base: string;
  const signal = () => AbortSignal.timeout(2000);
  const senders = (options: MetaSenderOptions = {}) => createMetaSenders(directory, { baseUrl: `${base}/v25.0`, ...options });

  beforeAll(async () => {
    fake = createFakePlatforms({ routes: [metaFakeRoutes] });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: fake.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  afterAll(async () => {
    fake.releaseHeld();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    fake.clear();
    fake.clearFaults();
  });

  it('replies to a comment in public with POST /{comment-id}/comments', async () => {
    const result = await senders().facebook.send(comment(), signal());
    expect(result).toEqual({ ok: true, platformResultId: expect.stringMatching(/^901097836652708_\d+$/) });
    const [request] = fake.requests('facebook');
    expect(request).toMatchObject({ method: 'POST', path: '/v25.0/901097836652708_903438993085259/comments', body: { message: 'Thanks, we are on it.' } });
    expect(request!.headers.authorization).toBe('Bearer page-token');
  });

  it('answers a reply under the comment it replied to, and a post on the post', async () => {
    const s = senders();
    await s.facebook.send(comment({ target: { messageId: 'm', platformMessageId: '1_30', authorId: '9', replyTarget: { kind: 'comment', id: '1_20' } } }), signal());
    await s.facebook.send(comment({ target: { messageId: 'm', platformMessageId: '104729386215533_1', authorId: '9', replyTarget: { kind: 'post', id: '104729386215533_1' } } }), signal());
    expect(fake.requests('facebook').map((request) => request.path)).toEqual(['/v25.0/1_20/comments', '/v25.0/104729386215533_1/comments']);
  });

  it('sends a private reply to a comment through the Send API with recipient.comment_id', async () => {
    const result = await senders().facebook.send(comment({ visibility: 'private' }), signal());
    expect(result).toEqual({ ok: true, platformResultId: expect.stringMatching(/^m_\d+$/) });
    expect(fake.requests('messenger')[0]).toMatchObject({
      path: '/v25.0/104729386215533/messages',
      body: { recipient: { comment_id: '901097836652708_903438993085259' }, message: { text: 'Thanks, we are on it.' } },
    });
  });

  it('sends a Messenger reply to the PSID as a RESPONSE', async () => {
    const result = await senders().messenger.send(messenger(), signal());
    expect(result).toEqual({ ok: true, platformResultId: expect.stringMatching(/^m_\d+$/) });
    const [request] = fake.requests('messenger');
    expect(request).toMatchObject({
      path: '/v25.0/104729386215533/messages',
      body: { recipient: { id: '7364582910374625' }, messaging_type: 'RESPONSE', message: { text: 'Thanks, we are on it.' } },
    });
    expect(request!.headers.authorization).toBe('Bearer page-token');
  });

  it('sends a WhatsApp text to the wa_id, or to the business-scoped id of a user without a phone', async () => {
    const s = senders();
    const result = await s.whatsapp.send(whatsapp(), signal());
    expect(result).toEqual({ ok: true, platformResultId: expect.stringMatching(/^wamid\./) });
    await s.whatsapp.send(whatsapp({ target: { messageId: 'm', platformMessageId: 'external_id', authorId: 'US.1234' } }), signal());
    const [first, second] = fake.requests('whatsapp');
    expect(first).toMatchObject({
      path: '/v25.0/106540352242922/messages',
      body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '447700900555', type: 'text', text: { preview_url: false, body: 'Thanks, we are on it.' } },
    });
    expect(first!.headers.authorization).toBe('Bearer wa-token');
    expect(second!.body).toMatchObject({ recipient: 'US.1234', type: 'text' });
    expect(second!.body).not.toHaveProperty('to');
  });

  it('likes a Facebook comment, reacts 👍 on WhatsApp, and refuses what the platform has not got', async () => {
    const s = senders();
    expect(await s.facebook.send(comment({ action: 'like', text: undefined }), signal())).toEqual({ ok: true });
    expect(fake.requests('facebook')[0]).toMatchObject({ path: '/v25.0/901097836652708_903438993085259/likes' });
    expect(await s.whatsapp.send(whatsapp({ action: 'like', text: undefined }), signal())).toMatchObject({ ok: true });
    expect(fake.requests('whatsapp')[0]!.body).toMatchObject({ type: 'reaction', reaction: { message_id: 'wamid.in', emoji: '👍' } });
    expect(await s.messenger.send(messenger({ action: 'like' }), signal())).toMatchObject({ ok: false, permanent: true });
    expect(await s.facebook.send(comment({ action: 'retweet' }), signal())).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/Twitter/) });
  });

  it('serves the Graph paths without a version prefix too', async () => {
    expect(await createMetaSenders(directory, { baseUrl: base }).messenger.send(messenger(), signal())).toMatchObject({ ok: true });
    expect(fake.requests('messenger')[0]!.path).toBe('/104729386215533/messages');
  });

  it('retries a 500, waits for a 429 Retry-After and gives up on a 400 with the platform message', async () => {
    const s = senders();
    fake.fail({ platform: 'messenger', kind: 'error', count: 1 });
    const error = await s.messenger.send(messenger(), signal());
    expect(error).toMatchObject({ ok: false, error: expect.stringMatching(/Graph API 500/) });
    expect(error).not.toHaveProperty('permanent');

    fake.fail({ platform: 'whatsapp', kind: 'rate-limit', count: 1, retryAfterSeconds: 7 });
    expect(await s.whatsapp.send(whatsapp(), signal())).toMatchObject({ ok: false, retryAfterSeconds: 7 });

    fake.fail({ platform: 'facebook', kind: 'error', status: 400, count: 1 });
    expect(await s.facebook.send(comment(), signal())).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/injected error/) });
    expect(await s.facebook.send(comment(), signal())).toMatchObject({ ok: true });
  });

  it('retries a timeout and an unreachable host', async () => {
    fake.fail({ platform: 'messenger', kind: 'timeout', count: 1 });
    const timedOut = await senders().messenger.send(messenger(), AbortSignal.timeout(200));
    expect(timedOut).toMatchObject({ ok: false, error: expect.stringMatching(/timed out/) });
    expect(timedOut).not.toHaveProperty('permanent');
    const unreachable = await createMetaSenders(directory, { baseUrl: 'http://127.0.0.1:1' }).messenger.send(messenger(), signal());
    expect(unreachable).toMatchObject({ ok: false, error: expect.stringMatching(/unreachable/) });
    expect(unreachable).not.toHaveProperty('permanent');
  });

  it('treats Graph throttling codes in a 4xx as retryable', async () => {
    const throttled: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { message: 'Application request limit reached', code: 4 } }), { status: 400, headers: { 'x-business-use-case-usage': '{"104729386215533":[{"type":"messenger","estimated_time_to_regain_access":2}]}' } });
    const result = await createMetaSenders(directory, { fetch: throttled }).messenger.send(messenger(), signal());
    expect(result).toEqual({ ok: false, error: 'Graph API 400 (code 4): Application request limit reached', retryAfterSeconds: 120 });
    const closedWindow: typeof fetch = async () => new Response(JSON.stringify({ error: { message: 'Re-engagement message', code: 131047 } }), { status: 400 });
    expect(await createMetaSenders(directory, { fetch: closedWindow }).whatsapp.send(whatsapp(), signal())).toMatchObject({
      ok: false, permanent: true, error: expect.stringMatching(/24-hour customer service window is closed/),
    });
  });

  it('checks text limits and tokens before sending', async () => {
    const s = senders();
    expect(await s.messenger.send(messenger({ text: 'x'.repeat(2001) }), signal())).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/2000 characters; this one has 2001/) });
    expect(await s.whatsapp.send(whatsapp({ text: 'x'.repeat(4097) }), signal())).toMatchObject({ ok: false, permanent: true });
    expect(await s.facebook.send(comment({ text: 'x'.repeat(8001) }), signal())).toMatchObject({ ok: false, permanent: true });
    expect(await s.whatsapp.send(whatsapp({ text: 'x'.repeat(4096) }), signal())).toMatchObject({ ok: true });
    expect(await s.whatsapp.send(whatsapp({ account: 'no-token' }), signal())).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/no access token/) });
    expect(await s.messenger.send(messenger({ text: '  ' }), signal())).toMatchObject({ ok: false, permanent: true });
    expect(fake.requests()).toHaveLength(1);
  });

  it('refuses a Messenger or WhatsApp message outside 24 hours of the customer’s last message', async () => {
    const now = () => new Date('2026-06-17T10:00:00.000Z');
    let last = '2026-06-16T09:59:00.000Z';
    const s = senders({ now, lastInboundAt: () => last });
    expect(await s.messenger.send(messenger(), signal())).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/outside the 24-hour Messenger window.*HUMAN_AGENT/) });
    expect(await s.whatsapp.send(whatsapp(), signal())).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/outside the 24-hour WhatsApp window.*template/) });
    // Public comment replies have no window.
    expect(await s.facebook.send(comment(), signal())).toMatchObject({ ok: true });
    expect(await s.facebook.send(comment({ visibility: 'private' }), signal())).toMatchObject({ ok: true });
    last = '2026-06-09T09:00:00.000Z';
    expect(await s.facebook.send(comment({ visibility: 'private' }), signal())).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/7-day private reply window/) });
    last = '2026-06-16T10:01:00.000Z';
    expect(await s.messenger.send(messenger(), signal())).toMatchObject({ ok: true });
    expect(fake.requests().map((request) => request.platform)).toEqual(['facebook', 'messenger', 'messenger']);
  });
});
