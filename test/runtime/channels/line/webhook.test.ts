import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountDirectory } from '../../../../runtime/src/channels/accounts.ts';
import { lineWebhook } from '../../../../runtime/src/channels/line/index.ts';
import type { Runtime } from '../../../../runtime/src/server.ts';
import type { InboundMessage } from '../../../../schemas/message.ts';
import { account, eventually, inbound, LINE_SECRET, lineSignature, postWebhook, SHARED_CHANNELS, webhookRuntime } from '../twitter/harness.ts';

const DIR = join(SHARED_CHANNELS, 'line');
const ENV = 'LINE_CHANNEL_SECRET';
/** The official line-bot-sdk-nodejs vector is made with its own channel secret, for its own destination. */
const SDK_ENV = 'LINE_SDK_TEST_CHANNEL_SECRET';
const SDK_SECRET = 'test_channel_secret';

const ACCOUNTS = [
  account('line-doc', 'line', 'xxxxxxxxxx', { channelSecret: ENV }),
  account('line-python-sdk', 'line', 'U123', { channelSecret: ENV }),
  account('line-node-sdk', 'line', 'Uaaaabbbbccccddddeeeeffff', { channelSecret: SDK_ENV }),
];

type Expected = {
  signature?: string;
  /** Distinct messages stored, and what the endpoint answers. */
  stored: Array<Partial<InboundMessage> & { platformMessageId: string }>;
  answer: Record<string, number>;
};

const EXPECTED: Record<string, Expected> = {
  'empty-events-connection-check.json': { stored: [], answer: { received: 0, duplicates: 0, ignored: 1 } },
  'group-text-emoji-signed.json': {
    signature: 'eRdWYcVCzZV3MVZ3M9/rHJCl/a3oSbsRb04cLovpVwM=',
    answer: { received: 1 },
    stored: [
      {
        account: 'line-node-sdk', channel: 'line', visibility: 'private', kind: 'message', platformMessageId: 'test_event_message_id',
        text: 'this is test message.😄😅😢😞😄😅😢😞',
        // No userId in this group event: the group stands in for the author.
        author: { id: 'test_group_id' }, threadId: 'test_group_id',
        replyTarget: { kind: 'reply-token', id: 'test_reply_token', expiresAt: '1970-01-01T00:01:00.000Z' }, receivedAt: '1970-01-01T00:00:00.000Z',
      },
    ],
  },
  // Several LINE channels here and no destination: not filed under a guess (see the single-channel test below).
  'legacy-two-events-no-destination.json': { stored: [], answer: { received: 0, ignored: 1 } },
  'multi-event-batch.json': {
    signature: 'CawiqtwquWSg2O1EC/wHjUP0x2b5C7pLWOgJGjXtFjs=',
    // 11 message events, but the SDK fixture reuses message id 325708: two distinct messages.
    answer: { received: 2, duplicates: 9, changes: 2, ignored: 15 },
    stored: [
      { account: 'line-python-sdk', platformMessageId: '325708', author: { id: 'U206d25c2ea6bd87c17655609a1c37cb8' }, text: 'Hello, world' },
      {
        account: 'line-python-sdk', platformMessageId: '354718705033693861', text: '',
        attachments: [{ type: 'image', id: '354718705033693861', url: 'https://api-data.line.me/v2/bot/message/354718705033693861/content' }],
        replyTarget: { kind: 'reply-token', id: 'fbf94e269485410da6b7e3a5e33283e8', expiresAt: '2021-07-27T03:36:24.722Z' },
      },
    ],
  },
  'text-mention-emoji-group.json': {
    signature: 'ISub5eMRaNFIicV6GGKRdOqGKmdKRFf2pLiRmZILq6g=',
    answer: { received: 1 },
    stored: [
      {
        account: 'line-doc', kind: 'message', visibility: 'private', platformMessageId: '444573844083572737',
        text: '@All @example Good Morning!! (love)', author: { id: 'U4af4980629...' }, threadId: 'Ca56f94637c...',
        replyTarget: { kind: 'reply-token', id: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTA', expiresAt: '2016-05-07T13:58:59.859Z' },
        receivedAt: '2016-05-07T13:57:59.859Z',
      },
    ],
  },
};

let runtime: Runtime;
const saved = { [ENV]: process.env[ENV], [SDK_ENV]: process.env[SDK_ENV] };

beforeAll(() => {
  process.env[ENV] = LINE_SECRET;
  process.env[SDK_ENV] = SDK_SECRET;
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
beforeEach(async () => {
  runtime = await webhookRuntime(ACCOUNTS);
});
afterEach(async () => {
  await runtime.close();
});

const signed = (raw: Buffer | string) => ({ 'x-line-signature': lineSignature(raw) });
const read = (file: string) => readFileSync(join(DIR, file));

describe.skipIf(!existsSync(DIR))(`lineWebhook on the shared payloads (skipped when ${DIR} is absent)`, () => {
  const files = existsSync(DIR) ? readdirSync(DIR).filter((name) => name.endsWith('.json')).sort() : [];

  it('has an expectation for every payload file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s goes through /webhooks/line and is stored as expected', async (file) => {
    const raw = read(file);
    const expected = EXPECTED[file];
    const secret = file === 'group-text-emoji-signed.json' ? SDK_SECRET : LINE_SECRET;
    if (expected.signature) expect(lineSignature(raw, secret)).toBe(expected.signature);
    const { status, json } = await postWebhook(runtime, 'line', raw, { 'x-line-signature': expected.signature ?? lineSignature(raw) });
    expect(status).toBe(200);
    expect(json).toMatchObject(expected.answer);
    const stored = inbound(runtime).sort((a, b) => a.platformMessageId.localeCompare(b.platformMessageId));
    expect(stored.map((record) => record.platformMessageId)).toEqual(expected.stored.map((message) => message.platformMessageId).sort());
    for (const want of expected.stored) expect(stored.find((record) => record.platformMessageId === want.platformMessageId)!.message).toMatchObject(want);
  });

  it('accepts the made-up vector of the SDK payload too (either channel secret verifies)', async () => {
    const { status } = await postWebhook(runtime, 'line', read('group-text-emoji-signed.json'), { 'x-line-signature': 'BRhWxwIYBKHFixsM9W9sNbCQa1sId337aNT+cZBfnb8=' });
    expect(status).toBe(200);
  });

  it('normalizes every event of the SDK batch: 11 messages, an unsend, an edit, 15 ignored with reasons', () => {
    const normalized = lineWebhook.normalize(JSON.parse(read('multi-event-batch.json').toString('utf8')), accountDirectory(runtime.store.resources));
    expect(normalized.messages.map((message) => message.attachments?.[0]?.type ?? 'text')).toEqual([
      'text', 'image', 'video', 'audio', 'location', 'sticker', 'text', 'text', 'file', 'image', 'text',
    ]);
    const [, roomImage, , , location, sticker, groupText, roomText, file] = normalized.messages;
    expect(roomImage).toMatchObject({ author: { id: 'Ra8dbf4673c4c812cd491258042226c99' }, attachments: [{ url: 'https://example.com' }] });
    expect(location.attachments).toEqual([{ type: 'location', url: 'geo:35.65910807942215,139.70372892916203', caption: 'my location, Tokyo' }]);
    expect(sticker).toMatchObject({ text: 'Just sticker', attachments: [{ type: 'sticker', id: '1/1', caption: 'Love You, Love' }] });
    expect(groupText).toMatchObject({ author: { id: 'U206d25c2ea6bd87c17655609a1c37cb8' }, threadId: 'Ca56f94637cc4347f90a25382909b24b9' });
    expect(roomText).toMatchObject({ threadId: 'Ra8dbf4673c4c812cd491258042226c99' });
    expect(file.attachments).toEqual([{ type: 'file', id: '325708', url: 'https://api-data.line.me/v2/bot/message/325708/content', caption: 'file.txt' }]);
    expect(normalized.changes).toEqual([
      { kind: 'deleted', channel: 'line', account: 'line-python-sdk', platformMessageId: '325708', at: '2019-01-18T13:24:08.122Z' },
      { kind: 'edited', channel: 'line', account: 'line-python-sdk', platformMessageId: '325708', text: 'Hello, edited world', at: '2016-05-07T13:57:59.859Z' },
    ]);
    expect(normalized.ignored).toHaveLength(15);
    expect(normalized.ignored.join('\n')).toMatch(/line follow event .*starts no flow/);
    expect(normalized.ignored.join('\n')).toMatch(/line undefined event .*unknown event type/);
  });

  it('applies the unsend and the edit of the batch to the stored message', async () => {
    const raw = read('multi-event-batch.json');
    await postWebhook(runtime, 'line', raw, signed(raw));
    const text = inbound(runtime).find((record) => record.platformMessageId === '325708')!;
    expect(text).toMatchObject({ text: 'Hello, edited world', originalText: 'Hello, world', deletedAt: '2019-01-18T13:24:08.122Z' });
  });

  it('stores a redelivery of the same event once', async () => {
    const raw = read('text-mention-emoji-group.json');
    expect((await postWebhook(runtime, 'line', raw, signed(raw))).json).toMatchObject({ received: 1, duplicates: 0 });
    const redelivered = raw.toString('utf8').replace('"isRedelivery": false', '"isRedelivery": true');
    expect((await postWebhook(runtime, 'line', redelivered, signed(redelivered))).json).toMatchObject({ received: 0, duplicates: 1 });
    expect(inbound(runtime)).toHaveLength(1);
  });

  it('rejects a re-serialized body, a wrong and a missing signature with 401 and stores nothing', async () => {
    const raw = read('group-text-emoji-signed.json');
    const official = EXPECTED['group-text-emoji-signed.json'].signature!;
    const reserialized = JSON.stringify(JSON.parse(raw.toString('utf8')), null, 1);
    expect((await postWebhook(runtime, 'line', reserialized, { 'x-line-signature': official })).status).toBe(401);
    expect((await postWebhook(runtime, 'line', raw, { 'x-line-signature': lineSignature(raw, 'another-secret') })).status).toBe(401);
    expect((await postWebhook(runtime, 'line', raw, { 'x-line-signature': `sha256=${official}` })).status).toBe(401);
    expect((await postWebhook(runtime, 'line', raw, {})).status).toBe(401);
    expect(inbound(runtime)).toEqual([]);
  });

  it('files a legacy payload without destination under the only LINE channel there is', async () => {
    const single = await webhookRuntime([account('line-only', 'line', 'Uonly', { channelSecret: ENV })], { seed: false });
    try {
      const raw = read('legacy-two-events-no-destination.json');
      expect((await postWebhook(single, 'line', raw, signed(raw))).json).toMatchObject({ received: 2 });
      const stored = Object.fromEntries(inbound(single).map((record) => [record.platformMessageId, record.message]));
      expect(stored['100001']).toMatchObject({ account: 'line-only', text: 'Hello, world', author: { id: 'uabcdefghij' }, replyTarget: { kind: 'reply-token', id: 'abcdefghij' } });
      expect(stored['100002']).toMatchObject({ text: '', attachments: [{ type: 'sticker', id: '1/1' }], replyTarget: { id: 'abcdefghijklm' }, receivedAt: '2016-04-07T01:11:27.970Z' });
    } finally {
      await single.close();
    }
  });
});

describe('lineWebhook on crafted payloads', () => {
  const event = (id: string, user: string, type = 'message') =>
    `{"type":"${type}","mode":"active","timestamp":1700000000000,"source":{"type":"user","userId":"${user}"},"webhookEventId":"01H${id}","deliveryContext":{"isRedelivery":false},"replyToken":"rt${id}"${type === 'message' ? `,"message":{"id":"${id}","type":"text","text":"hello ${id}"}` : ''}}`;

  it('stores every message of a batch from several users and ignores the follow beside them', async () => {
    const raw = `{"destination":"U123","events":[${event('1', 'Ua')},${event('2', 'Ub', 'follow')},${event('3', 'Ub')},${event('4', 'Ua')}]}`;
    const { status, json } = await postWebhook(runtime, 'line', raw, signed(raw));
    expect(status).toBe(200);
    expect(json).toMatchObject({ received: 3, ignored: 1 });
    expect(inbound(runtime).map((record) => [record.platformMessageId, record.message.author.id, record.text]).sort()).toEqual([
      ['1', 'Ua', 'hello 1'],
      ['3', 'Ub', 'hello 3'],
      ['4', 'Ua', 'hello 4'],
    ]);
  });

  it('ignores events for a destination we do not have, and standby events, with 200', async () => {
    const unknown = `{"destination":"Unobody","events":[${event('5', 'Ua')}]}`;
    expect((await postWebhook(runtime, 'line', unknown, signed(unknown))).json).toMatchObject({ received: 0, ignored: 1 });
    const standby = `{"destination":"U123","events":[${event('6', 'Ua').replace('"active"', '"standby"')}]}`;
    expect((await postWebhook(runtime, 'line', standby, signed(standby))).json).toMatchObject({ received: 0, ignored: 1 });
    expect(inbound(runtime)).toEqual([]);
  });

  it('answers 400 to malformed JSON with a valid signature', async () => {
    const broken = '{"destination":"U123","events":[';
    expect((await postWebhook(runtime, 'line', broken, signed(broken))).status).toBe(400);
  });

  it('has no GET handshake', async () => {
    expect((await runtime.app.request('/webhooks/line')).status).toBe(405);
  });

  it('runs the sample messaging flow of the Acme LINE channel, after the acknowledgement', async () => {
    const raw = `{"destination":"U4af4980629b0c1a0d2c4f4a3b5c6d7e8","events":[${event('7', 'Uc')}]}`;
    expect((await postWebhook(runtime, 'line', raw, signed(raw))).json).toMatchObject({ received: 1 });
    const [stored] = inbound(runtime);
    expect(stored).toMatchObject({ account: 'acme-line', text: 'hello 7' });
    const execution = await eventually(() => runtime.store.executions.list({ messageId: stored.id }).find((run) => run.status !== 'running'));
    expect(execution).toMatchObject({ flowId: 'messaging-continuity' });
  });
});
