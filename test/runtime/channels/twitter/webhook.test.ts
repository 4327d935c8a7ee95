import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountDirectory } from '../../../../runtime/src/channels/accounts.ts';
import { twitterWebhook } from '../../../../runtime/src/channels/twitter/index.ts';
import type { Runtime } from '../../../../runtime/src/server.ts';
import type { InboundMessage } from '../../../../schemas/message.ts';
import { account, eventually, inbound, postWebhook, SHARED_CHANNELS, TWITTER_SECRET, twitterSignature, webhookRuntime } from './harness.ts';

const DIR = join(SHARED_CHANNELS, 'twitter');
const ENV = 'TWITTER_CONSUMER_SECRET';

/** Our accounts as the shared payloads name them (for_user_id, the DM recipient, the XAA filter). */
const ACCOUNTS = [
  account('x-official', 'twitter', '4337869213', { consumerSecret: ENV }),
  account('x-courier', 'twitter', '835740314006511618', { consumerSecret: ENV }),
  account('x-catpaw', 'twitter', '858242295807696896', { consumerSecret: ENV }),
  account('x-cmsn', 'twitter', '1014719446525476864', { consumerSecret: ENV }, { handle: 'cmsn_M' }),
  account('x-example', 'twitter', '1111111111111111111', { consumerSecret: ENV }),
];

type Expected = { account: string; messages: Array<Partial<InboundMessage>>; signature?: string };

/** What each shared payload must normalize to. A new file without an entry fails the suite. */
const EXPECTED: Record<string, Expected> = {
  'dm-message-create-official.json': {
    account: 'x-official',
    signature: 'sha256=uhwtd9dnP7zytwZgz4JKIizzPhoZl43eDvLK0w+gjm8=',
    messages: [
      {
        channel: 'twitter', visibility: 'private', kind: 'dm', platformMessageId: '954491830116155396', text: 'Hello World!',
        author: { id: '3001969357', handle: 'furiouscamper', name: 'Jordan Brinks' },
        threadId: '3001969357-4337869213', receivedAt: '2018-01-19T23:12:40.557Z',
      },
    ],
  },
  'dm-html-entity-courier.json': {
    account: 'x-courier',
    messages: [
      {
        visibility: 'private', kind: 'dm', platformMessageId: '958501034212564996', text: 'Hello World & good wishes.',
        author: { id: '272953809', handle: 'nicpottier', name: 'Nicolas Pottier' }, receivedAt: '2018-01-31T00:43:49.301Z',
      },
    ],
  },
  'dm-attachment-courier.json': {
    account: 'x-courier',
    messages: [
      {
        kind: 'dm', platformMessageId: '958501034212564996', text: 'Hello', author: { id: '272953809', handle: 'nicpottier', name: 'Nicolas Pottier' },
        attachments: [{ type: 'image', url: 'https://image.foo.com/image.jpg' }],
      },
    ],
  },
  'dm-quick-reply-response-korean.json': {
    account: 'x-catpaw',
    messages: [
      {
        kind: 'dm', visibility: 'private', platformMessageId: '1179623320821489668', text: '잦은 요청',
        author: { id: '921069199228919809', handle: 'MyGrape11', name: 'MY Grape' }, threadId: '858242295807696896-921069199228919809',
      },
    ],
  },
  'tweet-create-quote-extended-korean.json': {
    account: 'x-cmsn',
    signature: 'sha256=04BBeu2NRrUkYt30Fca/fVnUJu3QZdF0JqQVuU4olpQ=',
    messages: [
      {
        channel: 'twitter', visibility: 'public', kind: 'mention',
        // Beyond 2^53: the file's numeric "id" is the rounded 1179790868309368800.
        platformMessageId: '1179790868309368834',
        replyTarget: { kind: 'tweet', id: '1179790868309368834' },
        author: { id: '1158276305785221121', handle: 'kim_jakup', name: '[커미션] 유 디자인' },
        text: '여유로워서... 연성교환... 구해봅니다..\n\n저는 디자인이고\n\n교환은 수공예 그림 글 작곡 등 장르 가리지 않습니다~!\n\n차액 입금 가능해요 플텍풀고 멘션주세요!\n\n@cmsn_d @cmsn_M @cmsn_RT @cmsn_w',
        language: 'ko', receivedAt: '2019-10-03T16:10:37.116Z',
      },
    ],
  },
  'xaa-post-mention-create.json': {
    account: 'x-example',
    messages: [
      {
        channel: 'twitter', visibility: 'public', kind: 'mention', platformMessageId: '2080765813578191303', text: 'hey @ExampleUser',
        author: { id: '2222222222222222222', handle: 'OtherUser', name: 'OtherUser' }, replyTarget: { kind: 'tweet', id: '2080765813578191303' },
        threadId: '2080765813578191303', receivedAt: '2026-07-24T21:23:23.000Z',
      },
    ],
  },
};

let runtime: Runtime;
const saved = process.env[ENV];

beforeAll(() => {
  process.env[ENV] = TWITTER_SECRET;
});
afterAll(() => {
  if (saved === undefined) delete process.env[ENV];
  else process.env[ENV] = saved;
});
beforeEach(async () => {
  runtime = await webhookRuntime(ACCOUNTS);
});
afterEach(async () => {
  await runtime.close();
});

const signed = (raw: Buffer | string) => ({ 'x-twitter-webhooks-signature': twitterSignature(raw) });

describe.skipIf(!existsSync(DIR))(`twitterWebhook on the shared payloads (skipped when ${DIR} is absent)`, () => {
  const files = existsSync(DIR) ? readdirSync(DIR).filter((name) => name.endsWith('.json')).sort() : [];

  it('has an expectation for every payload file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s goes through /webhooks/twitter and is stored as expected', async (file) => {
    const raw = readFileSync(join(DIR, file));
    const expected = EXPECTED[file];
    if (expected.signature) expect(twitterSignature(raw)).toBe(expected.signature);
    const { status, json } = await postWebhook(runtime, 'twitter', raw, { 'x-twitter-webhooks-signature': expected.signature ?? twitterSignature(raw) });
    expect(status).toBe(200);
    expect(json).toMatchObject({ received: expected.messages.length, duplicates: 0 });

    const normalized = twitterWebhook.normalize(JSON.parse(raw.toString('utf8')), accountDirectory(runtime.store.resources));
    expect(normalized.messages).toHaveLength(expected.messages.length);
    expected.messages.forEach((message, index) => expect(normalized.messages[index]).toMatchObject({ ...message, account: expected.account }));

    const stored = inbound(runtime);
    expect(stored.map((record) => record.platformMessageId).sort()).toEqual(expected.messages.map((message) => message.platformMessageId).sort());
    for (const record of stored) {
      const want = expected.messages.find((message) => message.platformMessageId === record.platformMessageId)!;
      expect(record.account).toBe(expected.account);
      expect(record.text).toBe(want.text);
      expect(record.message).toMatchObject(want);
    }
  });

  it('rejects a re-serialized body, a wrong and a missing signature with 401 and stores nothing', async () => {
    const raw = readFileSync(join(DIR, 'dm-message-create-official.json'));
    const official = 'sha256=uhwtd9dnP7zytwZgz4JKIizzPhoZl43eDvLK0w+gjm8=';
    const reserialized = JSON.stringify(JSON.parse(raw.toString('utf8')));
    expect((await postWebhook(runtime, 'twitter', reserialized, { 'x-twitter-webhooks-signature': official })).status).toBe(401);
    expect((await postWebhook(runtime, 'twitter', raw, { 'x-twitter-webhooks-signature': twitterSignature(raw, 'another-secret') })).status).toBe(401);
    expect((await postWebhook(runtime, 'twitter', raw, { 'x-twitter-webhooks-signature': official.slice('sha256='.length) })).status).toBe(401);
    expect((await postWebhook(runtime, 'twitter', raw, {})).status).toBe(401);
    expect(inbound(runtime)).toEqual([]);
  });
});

describe('twitterWebhook CRC', () => {
  it('answers the official vector (secret apiSecret, token "test token")', async () => {
    process.env[ENV] = 'apiSecret';
    try {
      const response = await runtime.app.request('/webhooks/twitter?crc_token=test+token');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.text()).toBe('{"response_token":"sha256=O5hJl2njQRIa4vsumZ+3oom9ECR5m3aQLRZkPoYelp0="}');
    } finally {
      process.env[ENV] = TWITTER_SECRET;
    }
  });

  it('answers the made-up vector and refuses a request without a token', async () => {
    const response = await runtime.app.request('/webhooks/twitter?crc_token=challenge_string');
    expect(await response.json()).toEqual({ response_token: 'sha256=liGwZLmg1g6axmOi3U0MaLVqoA4lAshdLbZJ25cSb2k=' });
    expect((await runtime.app.request('/webhooks/twitter')).status).toBe(400);
  });
});

describe('twitterWebhook on crafted payloads', () => {
  const brand = '4337869213';
  const tweet = (id: string, userId: string, extra: Record<string, unknown> = {}) =>
    `{"id":${id.slice(0, 16)}00,"id_str":"${id}","text":"hi","truncated":false,"timestamp_ms":"1700000000000","user":{"id_str":"${userId}","screen_name":"u${userId}","name":"User ${userId}"},"in_reply_to_status_id_str":null${Object.entries(extra).map(([k, v]) => `,"${k}":${JSON.stringify(v)}`).join('')}}`;

  it('stores every tweet of a batch, tells replies from mentions, decodes entities and drops our own tweet', async () => {
    const raw = `{"for_user_id":"${brand}","tweet_create_events":[${[
      tweet('1800000000000000001', '42', { text: '@Harris_0ff a &lt;b&gt; &amp; c &amp;lt;' }),
      tweet('1800000000000000002', '43', { in_reply_to_status_id_str: '1799999999999999999', extended_entities: { media: [{ id_str: '9007199254740993', type: 'photo', media_url_https: 'https://pbs.twimg.com/media/x.jpg' }] } }),
      tweet('1800000000000000003', brand),
    ].join(',')}]}`;
    const { status, json } = await postWebhook(runtime, 'twitter', raw, signed(raw));
    expect(status).toBe(200);
    expect(json).toMatchObject({ received: 2, ignored: 1 });
    const stored = Object.fromEntries(inbound(runtime).map((record) => [record.platformMessageId, record.message]));
    expect(Object.keys(stored).sort()).toEqual(['1800000000000000001', '1800000000000000002']);
    expect(stored['1800000000000000001']).toMatchObject({ kind: 'mention', text: '@Harris_0ff a <b> & c &lt;', author: { id: '42', handle: 'u42' }, receivedAt: '2023-11-14T22:13:20.000Z' });
    expect(stored['1800000000000000002']).toMatchObject({ kind: 'reply', attachments: [{ type: 'image', id: '9007199254740993' }] });
  });

  it('drops our own DMs as echoes and stores a duplicate delivery once', async () => {
    const dm = (id: string, sender: string) =>
      `{"type":"message_create","id":"${id}","created_timestamp":"1700000000000","message_create":{"target":{"recipient_id":"${sender === brand ? '77' : brand}"},"sender_id":"${sender}","message_data":{"text":"x"}}}`;
    const raw = `{"for_user_id":"${brand}","direct_message_events":[${dm('5001', '77')},${dm('5002', brand)},${dm('5001', '77')}],"users":{"77":{"id":"77","screen_name":"seven","name":"Seven"}}}`;
    const { json } = await postWebhook(runtime, 'twitter', raw, signed(raw));
    expect(json).toMatchObject({ received: 1, duplicates: 1, ignored: 1 });
    expect(inbound(runtime).map((record) => record.message.author)).toEqual([{ id: '77', handle: 'seven', name: 'Seven' }]);
    const again = await postWebhook(runtime, 'twitter', raw, signed(raw));
    expect(again.json).toMatchObject({ received: 0, duplicates: 2 });
  });

  it('marks a deleted tweet, ignores likes, follows and unknown fields without failing', async () => {
    const first = `{"for_user_id":"${brand}","tweet_create_events":[${tweet('1800000000000000010', '42')}]}`;
    await postWebhook(runtime, 'twitter', first, signed(first));
    const raw = `{"for_user_id":"${brand}","tweet_delete_events":[{"status":{"id":"1800000000000000010","user_id":"42"},"timestamp_ms":"1700000001000"}],"favorite_events":[{"id":"a7","favorited_status":{"id_str":"1"},"user":{"screen_name":"fan"}}],"follow_events":[{}],"brand_new_events":[{}]}`;
    const { status, json } = await postWebhook(runtime, 'twitter', raw, signed(raw));
    expect(status).toBe(200);
    expect(json).toMatchObject({ received: 0, changes: 1, ignored: 3 });
    expect(inbound(runtime)[0].deletedAt).toBe('2023-11-14T22:13:21.000Z');
  });

  it('answers 400 to malformed JSON with a valid signature, and 200 to a body that is not an object', async () => {
    const broken = '{"for_user_id": "4337869213", ';
    expect((await postWebhook(runtime, 'twitter', broken, signed(broken))).status).toBe(400);
    expect((await postWebhook(runtime, 'twitter', '[1,2]', signed('[1,2]'))).status).toBe(200);
    expect(inbound(runtime)).toEqual([]);
  });

  it('runs the sample flow of @AcmeCare on a mention to it, after the acknowledgement', async () => {
    const raw = `{"for_user_id":"1184239417","tweet_create_events":[${tweet('1800000000000000020', '42', { text: '@AcmeCare my order is late' })}]}`;
    expect((await postWebhook(runtime, 'twitter', raw, signed(raw))).json).toMatchObject({ received: 1 });
    const [stored] = inbound(runtime);
    expect(stored).toMatchObject({ account: 'acme-twitter', text: '@AcmeCare my order is late' });
    const execution = await eventually(() => runtime.store.executions.list({ messageId: stored.id }).find((run) => run.status !== 'running'));
    expect(execution).toMatchObject({ flowId: 'social-care' });
  });
});

