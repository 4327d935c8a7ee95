import { afterEach, describe, expect, it } from 'vitest';
import { startFakePlatforms } from '../../../../runtime/src/channels/fake/server.ts';
import { twitterFakeRoutes } from '../../../../runtime/src/channels/fake/twitter.ts';
import { createTwitterSender } from '../../../../runtime/src/channels/twitter/index.ts';
import { tweetWeight } from '../../../../runtime/src/channels/twitter/text.ts';
import type { OutboxRecord } from '../../../../runtime/src/store/types.ts';
import { account, type Answer, directory, outboxItem, scriptedServer } from './harness.ts';

const ENV = { TWITTER_ACCESS_TOKEN: 'user-token-1' };
const BRAND = account('acme-twitter', 'twitter', '1184239417', { accessToken: 'TWITTER_ACCESS_TOKEN' });
const TWEET = '1179790868309368834';
const AUTHOR = '1158276305785221121';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function setup(script: Answer[], accounts = [BRAND]) {
  const server = await scriptedServer(script);
  closers.push(server.close);
  const sender = createTwitterSender(directory(accounts, ENV), { baseUrl: server.url, env: {} });
  return { server, send: (item: Partial<OutboxRecord>, timeoutMs = 5000) => sender.send(twitterItem(item), AbortSignal.timeout(timeoutMs)) };
}

function twitterItem(overrides: Partial<OutboxRecord>): OutboxRecord {
  return outboxItem({
    channel: 'twitter',
    account: 'acme-twitter',
    visibility: 'public',
    text: 'Thanks, we are on it',
    target: { messageId: 'm1', platformMessageId: TWEET, replyTarget: { kind: 'tweet', id: TWEET }, authorId: AUTHOR },
    ...overrides,
  });
}

describe('createTwitterSender', () => {
  it('replies publicly with POST /2/tweets and reply.in_reply_to_tweet_id, the id kept as a string', async () => {
    const { server, send } = await setup([{ status: 201, body: { data: { id: '1900000000000000001', text: 'Thanks' } } }]);
    expect(await send({})).toEqual({ ok: true, platformResultId: '1900000000000000001' });
    const [request] = server.received;
    expect(request).toMatchObject({ method: 'POST', path: '/2/tweets', body: { text: 'Thanks, we are on it', reply: { in_reply_to_tweet_id: TWEET } } });
    expect(request.raw).toContain(`"in_reply_to_tweet_id":"${TWEET}"`);
    expect(request.headers.authorization).toBe('Bearer user-token-1');
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('replies privately with a DM to the author', async () => {
    const { server, send } = await setup([{ status: 201, body: { data: { dm_conversation_id: `${AUTHOR}-1184239417`, dm_event_id: '1582838223010000000' } } }]);
    expect(await send({ visibility: 'private' })).toEqual({ ok: true, platformResultId: '1582838223010000000' });
    expect(server.received[0]).toMatchObject({ path: `/2/dm_conversations/with/${AUTHOR}/messages`, body: { text: 'Thanks, we are on it' } });
  });

  it('likes, favorites (the same endpoint) and retweets as the account', async () => {
    const { server, send } = await setup([{ status: 200, body: { data: { liked: true } } }]);
    for (const action of ['like', 'favorite', 'retweet'] as const) expect(await send({ action, text: undefined })).toEqual({ ok: true });
    expect(server.received.map(({ path, body }) => [path, body])).toEqual([
      ['/2/users/1184239417/likes', { tweet_id: TWEET }],
      ['/2/users/1184239417/likes', { tweet_id: TWEET }],
      ['/2/users/1184239417/retweets', { tweet_id: TWEET }],
    ]);
  });

  it('counts a like or retweet the platform says is already there as done', async () => {
    const { send } = await setup([{ status: 403, body: { errors: [{ code: 327, message: 'You have already retweeted this Tweet.' }] } }]);
    expect(await send({ action: 'retweet' })).toEqual({ ok: true });
  });

  it('retries a 500, waits out a 429 by Retry-After or x-rate-limit-reset, gives up on a 400 with the platform message', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    const { send } = await setup([
      { status: 500, body: { title: 'Internal Error' } },
      { status: 429, body: { title: 'Too Many Requests' }, headers: { 'retry-after': '7' } },
      { status: 429, body: { title: 'Too Many Requests' }, headers: { 'x-rate-limit-reset': String(reset) } },
      { status: 400, body: { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.' } },
    ]);
    const error = await send({});
    expect(error).toMatchObject({ ok: false, error: expect.stringContaining('500') });
    expect(error).not.toHaveProperty('permanent');
    expect(await send({})).toMatchObject({ ok: false, retryAfterSeconds: 7 });
    const limited = await send({});
    expect(limited.ok === false && limited.retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(await send({})).toEqual({ ok: false, permanent: true, error: 'X /2/tweets answered 400: One or more parameters to your request was invalid.' });
  });

  it('treats a timeout and a refused connection as retryable', async () => {
    const { send } = await setup([{ status: 200, hang: true }]);
    const timedOut = await send({}, 200);
    expect(timedOut).toMatchObject({ ok: false, error: expect.stringContaining('timed out') });
    expect(timedOut).not.toHaveProperty('permanent');
    const closed = await scriptedServer([{ status: 200 }]);
    await closed.close();
    const refused = await createTwitterSender(directory([BRAND], ENV), { baseUrl: closed.url }).send(twitterItem({}), AbortSignal.timeout(2000));
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('network error') });
    expect(refused).not.toHaveProperty('permanent');
  });

  it('checks the platform rules before sending: 280 weighted for a post, 10000 for a DM, text required', async () => {
    const { server, send } = await setup([{ status: 201, body: { data: { id: '1' } } }]);
    expect(await send({ text: 'a'.repeat(281) })).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('281 of X') });
    expect(await send({ text: '가'.repeat(141) })).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('282') });
    expect(await send({ text: '' })).toMatchObject({ ok: false, permanent: true });
    expect(await send({ visibility: 'private', text: 'a'.repeat(10_001) })).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('10000') });
    expect(await send({ action: 'like', visibility: 'private' })).toMatchObject({ ok: false, permanent: true });
    expect(server.received).toEqual([]);
    expect(await send({ text: '가'.repeat(140) })).toMatchObject({ ok: true });
    expect(await send({ visibility: 'private', text: 'a'.repeat(10_000) })).toMatchObject({ ok: true });
  });

  it('fails for good when the account or its token is missing', async () => {
    const { send } = await setup([{ status: 200 }], [account('acme-twitter', 'twitter', '1', { accessToken: 'UNSET_TOKEN' })]);
    expect(await send({})).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('UNSET_TOKEN') });
    expect(await send({ account: 'nobody' })).toMatchObject({ ok: false, permanent: true, error: 'no Twitter account "nobody"' });
  });

  it('prefers the account base URL over the option and TWITTER_API_URL', async () => {
    const server = await scriptedServer([{ status: 201, body: { data: { id: '7' } } }]);
    closers.push(server.close);
    const own = account('acme-twitter', 'twitter', '1184239417', { accessToken: 'TWITTER_ACCESS_TOKEN' }, { baseUrl: `${server.url}/` });
    const sender = createTwitterSender(directory([own], ENV), { baseUrl: 'http://127.0.0.1:9', env: { TWITTER_API_URL: 'http://127.0.0.1:9' } });
    expect(await sender.send(twitterItem({}), AbortSignal.timeout(2000))).toEqual({ ok: true, platformResultId: '7' });
  });
});

describe('tweetWeight', () => {
  it('counts Latin as 1, Hangul and emoji as 2, an emoji sequence once and a link as 23', () => {
    expect(tweetWeight('hello')).toBe(5);
    expect(tweetWeight('안녕')).toBe(4);
    expect(tweetWeight('👍🏽')).toBe(2);
    expect(tweetWeight('👨‍👩‍👧')).toBe(2);
    expect(tweetWeight('see https://example.com/a/very/long/path/indeed')).toBe(4 + 23);
  });
});

describe('twitterFakeRoutes', () => {
  it('answers the sender as X does, and its injected faults read as retryable', async () => {
    const fake = await startFakePlatforms({ routes: [twitterFakeRoutes] });
    closers.push(fake.close);
    const sender = createTwitterSender(directory([BRAND], ENV), { baseUrl: fake.url });
    const send = (item: Partial<OutboxRecord>) => sender.send(twitterItem(item), AbortSignal.timeout(2000));
    const reply = await send({});
    expect(reply).toMatchObject({ ok: true, platformResultId: expect.stringMatching(/^\d{16,}$/) });
    expect(await send({ visibility: 'private' })).toMatchObject({ ok: true, platformResultId: expect.stringMatching(/^\d+$/) });
    expect(await send({ action: 'like' })).toEqual({ ok: true });
    expect(await send({ action: 'retweet' })).toEqual({ ok: true });
    fake.fail({ platform: 'twitter', path: '/2/tweets', kind: 'rate-limit', count: 1, retryAfterSeconds: 3 });
    expect(await send({})).toMatchObject({ ok: false, retryAfterSeconds: 3 });
    expect(fake.requests('twitter').map(({ method, path, status }) => [method, path, status])).toEqual([
      ['POST', '/2/tweets', 201],
      ['POST', `/2/dm_conversations/with/${AUTHOR}/messages`, 201],
      ['POST', '/2/users/1184239417/likes', 200],
      ['POST', '/2/users/1184239417/retweets', 200],
      ['POST', '/2/tweets', 429],
    ]);
  });
});
