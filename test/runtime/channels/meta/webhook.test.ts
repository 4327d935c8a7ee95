import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountDirectory } from '../../../../runtime/src/channels/accounts.ts';
import { createMetaSenders, facebookWebhook, lastInboundFromStore, metaSignatureValid, normalizeMeta, parseMetaJson, whatsappWebhook } from '../../../../runtime/src/channels/meta/index.ts';
import type { AccountDirectory } from '../../../../runtime/src/channels/types.ts';
import type { Runtime } from '../../../../runtime/src/server.ts';
import { APP_SECRET, CORPUS, CORPUS_ACCOUNTS, corpusFile, metaRuntime, postWebhook, sign, storedMessages, VERIFY_TOKEN } from './support.ts';

const present = existsSync(CORPUS);

/** The vectors of signed-examples.md (made-up App Secret `corpus-meta-app-secret`). */
const VECTORS: Record<string, string> = {
  'messenger/text-message.json': 'sha256=2f2c6b8e938e1f8fd11f72b85cdf1be2430cfc72d6d8609db863d1cb90ce4a65',
  'messenger/reaction-emoji-escaped.json': 'sha256=b621a8c39dc6e382254da7d80fa739eaee7e6e0086a88906a628624954baa053',
  'facebook/feed-comment-add.json': 'sha256=b54fbb19fd7c2dae7575be2b894566e65326ee2d3ebf50b000ee1410bc1ae064',
  'whatsapp/text.json': 'sha256=882414c599ff9f9fcdc75aee64a52c903134d70dab32faed5cb2f30946554531',
  'whatsapp/reaction-emoji-skin-tone.json': 'sha256=8e6f49eef80b56f6a63c29782cea2e70c1fc7b93a421c8ba2b3dab813580cf6e',
};

const directory: AccountDirectory = {
  find: (channel, platformId) => CORPUS_ACCOUNTS.find((account) => account.channel === channel && account.platformId === platformId),
  of: (channels) => CORPUS_ACCOUNTS.filter((account) => channels.includes(account.channel)),
  secret: (_account, name) => (name === 'appSecret' ? APP_SECRET : name === 'verifyToken' ? VERIFY_TOKEN : undefined),
};

describe.skipIf(!present)('Meta signature vectors', () => {
  for (const [file, header] of Object.entries(VECTORS)) {
    it(`verifies ${file} against the published header`, () => {
      const raw = corpusFile(file);
      const adapter = file.startsWith('whatsapp/') ? whatsappWebhook : facebookWebhook;
      const request = (signature: string, body = raw) => ({ url: new URL('http://localhost/'), headers: new Headers({ 'x-hub-signature-256': signature }), raw: body });
      expect(sign(raw)).toBe(header);
      expect(adapter.verify(request(header), directory)).toBe(true);
      expect(adapter.verify(request(header.toUpperCase().replace('SHA256=', 'sha256=')), directory)).toBe(true);
      expect(adapter.verify(request(header, Buffer.from(JSON.stringify(JSON.parse(raw.toString())))), directory)).toBe(false);
    });
  }

  it('rejects the re-serialized negative controls', () => {
    const raw = corpusFile('messenger/text-message.json');
    const request = { url: new URL('http://localhost/'), headers: new Headers({ 'x-hub-signature-256': 'sha256=d52843e41ca0ac5cd118fe3ac8f5b1103fc77c66091f46a37352cb49c087e68d' }), raw };
    expect(metaSignatureValid(request, directory, ['messenger'])).toBe(false);
  });
});

describe.skipIf(!present)('Meta webhook endpoints', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await metaRuntime();
  });
  afterEach(async () => {
    await runtime.close();
  });

  const raw = () => corpusFile('messenger/text-message.json');

  it('answers the verification handshake with the challenge for our verify token only', async () => {
    for (const path of ['facebook', 'whatsapp']) {
      const ok = await runtime.app.request(`/webhooks/${path}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await ok.text()).toBe('1158201444');
      const wrong = await runtime.app.request(`/webhooks/${path}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock`);
      expect(wrong.status).toBe(403);
      expect(await wrong.text()).not.toContain('1158201444');
      const notSubscribe = await runtime.app.request(`/webhooks/${path}?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=${VERIFY_TOKEN}`);
      expect(notSubscribe.status).toBe(403);
    }
  });

  it('refuses a re-serialized body, a wrong and a missing signature with 401 and stores nothing', async () => {
    const body = raw();
    const reserialized = JSON.stringify(JSON.parse(body.toString()));
    expect((await postWebhook(runtime, 'facebook', reserialized, sign(body))).status).toBe(401);
    expect((await postWebhook(runtime, 'facebook', body, sign(body, 'another-app-secret'))).status).toBe(401);
    expect((await postWebhook(runtime, 'facebook', body, 'sha256=zz')).status).toBe(401);
    expect((await postWebhook(runtime, 'facebook', body, sign(body).replace('sha256=', 'sha1='))).status).toBe(401);
    expect((await postWebhook(runtime, 'facebook', body, null)).status).toBe(401);
    expect((await postWebhook(runtime, 'whatsapp', corpusFile('whatsapp/text.json'), null)).status).toBe(401);
    expect(storedMessages(runtime)).toEqual([]);
  });

  it('answers 400 to malformed JSON with a valid signature', async () => {
    const { status, json } = await postWebhook(runtime, 'facebook', '{"object":"page","entry":[');
    expect(status).toBe(400);
    expect(String(json.error)).toMatch(/malformed JSON/);
    expect(storedMessages(runtime)).toEqual([]);
  });

  it('ignores unknown events, objects and accounts with 200, never a 500', async () => {
    const bodies: Array<['facebook' | 'whatsapp', unknown]> = [
      ['facebook', { object: 'page', entry: [{ id: '1234567890', time: 1, messaging: [{ sender: { id: '5678' }, recipient: { id: '1234567890' }, read: { watermark: 1 } }] }] }],
      ['facebook', { object: 'page', entry: [{ id: '1234567890321', time: 1, changes: [{ field: 'mention', value: {} }, { field: 'feed', value: { item: 'album', verb: 'add' } }] }] }],
      ['facebook', { object: 'page', entry: [{ id: '999', time: 1, messaging: [{ sender: { id: '5678' }, message: { mid: 'm1', text: 'hi' } }] }] }],
      ['facebook', { object: 'instagram', entry: [] }],
      ['facebook', { object: 'page', entry: [] }],
      ['facebook', null],
      ['facebook', [1, 2]],
      ['whatsapp', { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'user_id_update', value: {} }, { field: 'messages', value: { metadata: { phone_number_id: '10634295353625' }, messages: [{ from: '49', id: 'wamid.x', type: 'system' }, 'junk'] } }] }] }],
      ['whatsapp', { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: '555' }, messages: [{ from: '49', id: 'wamid.y', type: 'text', text: { body: 'hi' } }] } }] }] }],
    ];
    for (const [path, body] of bodies) {
      const { status, json } = await postWebhook(runtime, path, JSON.stringify(body));
      expect(status, JSON.stringify(body)).toBe(200);
      expect(json.received).toBe(0);
      expect(json.ignored as number, JSON.stringify(body)).toBeGreaterThan(0);
    }
    expect(storedMessages(runtime)).toEqual([]);
  });

  it('reads the 24-hour window from the stored conversation (lastInboundFromStore)', async () => {
    await postWebhook(runtime, 'facebook', raw());
    const [stored] = storedMessages(runtime);
    const calls: string[] = [];
    const fetchSpy: typeof fetch = async (url) => {
      calls.push(String(url));
      return new Response('{}');
    };
    const senders = createMetaSenders(accountDirectory(runtime.store.resources), { lastInboundAt: lastInboundFromStore(runtime.store), fetch: fetchSpy });
    const result = await senders.messenger.send(
      {
        id: 'out-1', action: 'reply', channel: 'messenger', account: 'acme-messenger', visibility: 'private', text: 'Hello again',
        target: { messageId: stored!.id, platformMessageId: 'external_id', authorId: '5678' }, retryForSeconds: 60,
        status: 'pending', attempts: 0, nextAttemptAt: '', deadlineAt: '', createdAt: '', updatedAt: '',
      },
      AbortSignal.timeout(1000),
    );
    expect(result).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('the customer last wrote at 2016-04-07T01:11:27.970Z') });
    expect(calls).toEqual([]);
  });

  it('drops echoes of the page, with the reason', () => {
    const normalized = normalizeMeta('messenger', JSON.parse(corpusFile('messenger/echo-from-page.json').toString()), directory);
    expect(normalized.messages).toEqual([]);
    expect(normalized.ignored).toEqual(['messenger message mid.1457764197618:41d102a3e1ae206a38: an echo of what page 12345654332 sent']);
  });
});

describe('normalizeMeta', () => {
  it('keeps ids too large for a JS number when given the raw text', () => {
    const raw = '{"object":"page","entry":[{"id":"104729386215533","time":1700000000,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"1_2","post_id":"104729386215533_1","parent_id":"104729386215533_1","sender_id":10158123456789012345,"created_time":1700000000,"message":"Tom &amp; Jerry &#39;rock&#39; &#x1F600;"}}]}]}';
    const [message] = normalizeMeta('facebook', raw).messages;
    expect(message).toMatchObject({ author: { id: '10158123456789012345' }, text: "Tom & Jerry 'rock' 😀", account: 'facebook-104729386215533', receivedAt: '2023-11-14T22:13:20.000Z' });
    expect(parseMetaJson('{"a":[1.5,-2,"9007199254740993",9007199254740993,1e400]}')).toEqual({ a: [1.5, -2, '9007199254740993', '9007199254740993', Infinity] });
  });

  it('drops an item whose id already lost digits rather than using the wrong id', () => {
    const payload = JSON.parse('{"object":"page","entry":[{"id":"7","messaging":[{"sender":{"id":10158123456789012345},"timestamp":1,"message":{"mid":"m","text":"hi"}}]}]}');
    const normalized = normalizeMeta('messenger', payload);
    expect(normalized.messages).toEqual([]);
    expect(normalized.ignored[0]).toMatch(/no sender PSID/);
  });

  it('keeps only the channel asked for from a page webhook', () => {
    const payload = {
      object: 'page',
      entry: [
        { id: '1', changes: [{ field: 'feed', value: { item: 'status', verb: 'add', post_id: '1_2', from: { id: '9' }, message: 'a post', created_time: 1 } }] },
        { id: '1', messaging: [{ sender: { id: '9' }, timestamp: 1000000000000, message: { mid: 'm', text: 'a message' } }] },
      ],
    };
    expect(normalizeMeta('facebook', payload).messages.map((message) => [message.kind, message.text])).toEqual([['post', 'a post']]);
    expect(normalizeMeta('messenger', payload).messages.map((message) => [message.kind, message.text])).toEqual([['message', 'a message']]);
  });
});
