import { afterEach, describe, expect, it } from 'vitest';
import { lineFakeRoutes } from '../../../../runtime/src/channels/fake/line.ts';
import { startFakePlatforms } from '../../../../runtime/src/channels/fake/server.ts';
import { createLineSender } from '../../../../runtime/src/channels/line/index.ts';
import { retryKey } from '../../../../runtime/src/channels/line/sender.ts';
import type { OutboxRecord } from '../../../../runtime/src/store/types.ts';
import { account, type Answer, directory, outboxItem, scriptedServer } from '../twitter/harness.ts';

const ENV = { LINE_CHANNEL_ACCESS_TOKEN: 'channel-token-1' };
const LINE = account('acme-line', 'line', 'U4af4980629b0c1a0d2c4f4a3b5c6d7e8', { accessToken: 'LINE_CHANNEL_ACCESS_TOKEN' });
const USER = 'U206d25c2ea6bd87c17655609a1c37cb8';
const NOW = new Date('2026-03-02T10:00:00.000Z');
const FRESH = '2026-03-02T10:00:50.000Z';
const EXPIRED = '2026-03-02T09:59:59.000Z';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

function lineItem(overrides: Partial<OutboxRecord> = {}, expiresAt = FRESH): OutboxRecord {
  return outboxItem({
    channel: 'line',
    account: 'acme-line',
    visibility: 'private',
    text: 'Thanks for writing',
    target: { messageId: 'm1', platformMessageId: '444573844083572737', replyTarget: { kind: 'reply-token', id: 'rt-1', expiresAt }, authorId: USER },
    ...overrides,
  });
}

async function setup(script: Answer[]) {
  const server = await scriptedServer(script);
  closers.push(server.close);
  const sender = createLineSender(directory([LINE], ENV), { baseUrl: server.url, now: () => NOW, env: {} });
  return { server, send: (item: OutboxRecord) => sender.send(item, AbortSignal.timeout(2000)) };
}

const sent = { status: 200, body: { sentMessages: [{ id: '461230966842064897', quoteToken: 'IStG5h1Tz7b...' }] } };

describe('createLineSender', () => {
  it('replies with a fresh reply token: POST /v2/bot/message/reply, bearer channel token', async () => {
    const { server, send } = await setup([sent]);
    expect(await send(lineItem())).toEqual({ ok: true, platformResultId: '461230966842064897' });
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({
      method: 'POST',
      path: '/v2/bot/message/reply',
      body: { replyToken: 'rt-1', messages: [{ type: 'text', text: 'Thanks for writing' }] },
      headers: { authorization: 'Bearer channel-token-1' },
    });
  });

  it('pushes to the user once the token has expired, with the outbox id as X-Line-Retry-Key', async () => {
    const { server, send } = await setup([sent]);
    const item = lineItem({}, EXPIRED);
    expect(await send(item)).toEqual({ ok: true, platformResultId: '461230966842064897' });
    expect(server.received.map((request) => request.path)).toEqual(['/v2/bot/message/push']);
    expect(server.received[0].body).toEqual({ to: USER, messages: [{ type: 'text', text: 'Thanks for writing' }] });
    expect(server.received[0].headers['x-line-retry-key']).toBe(item.id);
  });

  it('falls back to push when LINE calls the token invalid, and pushes into the group the message came from', async () => {
    const { server, send } = await setup([{ status: 400, body: { message: 'Invalid reply token' } }, sent]);
    const item = lineItem({ target: { messageId: 'm1', platformMessageId: '1', replyTarget: { kind: 'reply-token', id: 'rt-2', expiresAt: FRESH }, authorId: USER, threadId: 'Ca56f94637cc4347f90a25382909b24b9' } });
    expect(await send(item)).toMatchObject({ ok: true });
    expect(server.received.map(({ path, body }) => [path, (body as { to?: string }).to])).toEqual([
      ['/v2/bot/message/reply', undefined],
      ['/v2/bot/message/push', 'Ca56f94637cc4347f90a25382909b24b9'],
    ]);
  });

  it('counts a 409 for a retry key already accepted as sent', async () => {
    const { send } = await setup([{ status: 409, body: { message: 'The retry key is already accepted' }, headers: { 'x-line-accepted-request-id': 'abc' } }]);
    expect(await send(lineItem({}, EXPIRED))).toEqual({ ok: true });
  });

  it('retries a 500, waits out a 429 by Retry-After, gives up on another 400 with LINE\'s message', async () => {
    const { send } = await setup([
      { status: 500, body: { message: 'An error occurred in the server' } },
      { status: 429, body: { message: 'The API rate limit has been exceeded.' }, headers: { 'retry-after': '12' } },
      { status: 400, body: { message: 'The request body has 1 error(s)', details: [{ message: 'May not be empty', property: 'messages[0].text' }] } },
    ]);
    const error = await send(lineItem({}, EXPIRED));
    expect(error).toMatchObject({ ok: false, error: expect.stringContaining('500') });
    expect(error).not.toHaveProperty('permanent');
    expect(await send(lineItem({}, EXPIRED))).toMatchObject({ ok: false, retryAfterSeconds: 12 });
    expect(await send(lineItem({}, EXPIRED))).toEqual({
      ok: false,
      permanent: true,
      error: 'LINE /v2/bot/message/push answered 400: The request body has 1 error(s) (messages[0].text: May not be empty)',
    });
  });

  it('checks the 5000-character limit and the actions LINE has before sending', async () => {
    const { server, send } = await setup([sent]);
    expect(await send(lineItem({ text: 'a'.repeat(5001) }))).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('5000') });
    expect(await send(lineItem({ action: 'like' }))).toMatchObject({ ok: false, permanent: true });
    expect(await send(lineItem({ text: ' ' }))).toMatchObject({ ok: false, permanent: true });
    expect(server.received).toEqual([]);
    expect(await send(lineItem({ text: 'a'.repeat(5000) }))).toMatchObject({ ok: true });
  });

  it('makes a UUID retry key of any id, the same for the same id', () => {
    expect(retryKey('outbox-7')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retryKey('outbox-7')).toBe(retryKey('outbox-7'));
  });
});

describe('lineFakeRoutes', () => {
  it('answers reply and push as LINE does, and an injected 500 reads as retryable', async () => {
    const fake = await startFakePlatforms({ routes: [lineFakeRoutes] });
    closers.push(fake.close);
    const sender = createLineSender(directory([LINE], ENV), { baseUrl: fake.url, now: () => NOW });
    const send = (item: OutboxRecord) => sender.send(item, AbortSignal.timeout(2000));
    expect(await send(lineItem())).toMatchObject({ ok: true, platformResultId: expect.stringMatching(/^\d+$/) });
    expect(await send(lineItem({}, EXPIRED))).toMatchObject({ ok: true, platformResultId: expect.stringMatching(/^\d+$/) });
    fake.fail({ platform: 'line', path: '/v2/bot/message/push', kind: 'error', count: 1 });
    const failed = await send(lineItem({}, EXPIRED));
    expect(failed).toMatchObject({ ok: false });
    expect(failed).not.toHaveProperty('permanent');
    expect(fake.requests('line').map(({ path, status, headers }) => [path, status, headers.authorization])).toEqual([
      ['/v2/bot/message/reply', 200, 'Bearer channel-token-1'],
      ['/v2/bot/message/push', 200, 'Bearer channel-token-1'],
      ['/v2/bot/message/push', 500, 'Bearer channel-token-1'],
    ]);
  });
});
