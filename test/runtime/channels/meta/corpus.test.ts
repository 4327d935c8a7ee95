import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeMeta } from '../../../../runtime/src/channels/meta/index.ts';
import type { Runtime } from '../../../../runtime/src/server.ts';
import { asCustomer, CORPUS, corpusFile, CUSTOMER_ID, metaRuntime, postWebhook, settledRuns, storedMessages } from './support.ts';

/**
 * Every Facebook, Messenger and WhatsApp payload of the shared channel
 * reference through the real `/webhooks/*` endpoint, signed over the file's
 * exact bytes: what is stored, changed, reported and ignored.
 */

const present = existsSync(CORPUS);
if (!present) console.warn(`skipping the Meta corpus tests: ${CORPUS} is absent (the shared channel reference is not part of a clone)`);

const WAMID_TEXT = 'wamid.HBgNNDkxNTIwOTgzMzM5OBUCABIYHGDEHJVFHJEVCFHJEVBCMTkyODk1OEIyAA==';

/** What each file must give, keyed by its path under the corpus; every file of the three folders must be listed. */
const EXPECTED: Record<string, { path: 'facebook' | 'whatsapp'; received: number; changes?: number; deliveries?: number; ignored: number; message?: Record<string, unknown> }> = {
  // restfb anonymised its feed fixtures with the page itself as the author: as delivered, all are our own page's activity.
  'facebook/feed-comment-add.json': { path: 'facebook', received: 0, ignored: 1 },
  'facebook/feed-comment-add-with-photo.json': { path: 'facebook', received: 0, ignored: 1 },
  'facebook/feed-comment-edited.json': { path: 'facebook', received: 0, ignored: 1 },
  'facebook/feed-comment-remove.json': { path: 'facebook', received: 0, ignored: 1 },
  'facebook/feed-post-remove-numeric-ids.json': { path: 'facebook', received: 0, ignored: 1 },
  'facebook/feed-reaction-add.json': { path: 'facebook', received: 0, ignored: 1 },
  'messenger/text-message.json': {
    path: 'facebook',
    received: 1,
    ignored: 0,
    message: {
      channel: 'messenger', visibility: 'private', kind: 'message', account: 'acme-messenger', author: { id: '5678' }, text: 'Hello World',
      replyTarget: { kind: 'message', id: 'external_id' }, threadId: '1234567890:5678', platformMessageId: 'external_id', receivedAt: '2016-04-07T01:11:27.970Z',
    },
  },
  'messenger/batched-duplicate-mid.json': {
    path: 'facebook',
    received: 1,
    ignored: 1,
    message: { channel: 'messenger', account: 'acme-messenger', author: { id: '5678' }, text: 'Hello World', platformMessageId: 'external_id' },
  },
  'messenger/echo-from-page.json': { path: 'facebook', received: 0, ignored: 1 },
  'messenger/message-deleted.json': { path: 'facebook', received: 0, changes: 1, ignored: 0 },
  'messenger/reaction-emoji-escaped.json': {
    path: 'facebook',
    received: 1,
    ignored: 0,
    message: {
      channel: 'messenger', visibility: 'private', kind: 'reaction', account: 'corpus-messenger-c', author: { id: 'USER_ID' }, text: '',
      attachments: [{ type: 'reaction', emoji: '😢', caption: 'sad' }], replyTarget: { kind: 'message', id: 'original_message_id' },
      platformMessageId: 'original_message_id#reaction:USER_ID:1572465098502', receivedAt: '2019-10-30T19:51:38.502Z',
    },
  },
  'messenger/sticker-attachment-no-text.json': {
    path: 'facebook',
    received: 1,
    ignored: 0,
    message: {
      channel: 'messenger', kind: 'message', account: 'corpus-messenger-b', author: { id: '987654321432' }, text: '',
      attachments: [{ type: 'sticker', id: '369239263222822', url: 'https://scontent.xx.fbcdn.net/v/t39.1997-6/851557_369239266556155_759568595_n.png?_nc_ad=z-m&oh=85e24066ebe64f04d457b242e22e7054&oe=5939B5DC' }],
      platformMessageId: 'mid.1487254148673:a082abc439', threadId: '12345654332:987654321432', receivedAt: '2017-02-16T14:09:08.673Z',
    },
  },
  'whatsapp/text.json': {
    path: 'whatsapp',
    received: 1,
    ignored: 0,
    message: {
      channel: 'whatsapp', visibility: 'private', kind: 'message', account: 'acme-whatsapp', author: { id: '491234567890', phone: '+491234567890', name: 'TestUser' },
      text: 'Test', replyTarget: { kind: 'message', id: WAMID_TEXT }, threadId: '10634295353625:491234567890', platformMessageId: WAMID_TEXT, receivedAt: '2022-05-22T21:01:53.000Z',
    },
  },
  'whatsapp/reaction-emoji-skin-tone.json': {
    path: 'whatsapp',
    received: 1,
    ignored: 0,
    message: { channel: 'whatsapp', kind: 'reaction', account: 'acme-whatsapp', author: { id: '491234567890', name: 'TestUser' }, text: '', attachments: [{ type: 'reaction', emoji: '👍🏻' }], platformMessageId: WAMID_TEXT },
  },
  'whatsapp/image-no-caption.json': {
    path: 'whatsapp',
    received: 1,
    ignored: 0,
    message: {
      channel: 'whatsapp', kind: 'message', account: 'corpus-whatsapp-image', author: { id: '972987654321', phone: '+972987654321', name: 'Test Name' }, text: '',
      attachments: [{ type: 'image', id: '65463453', mimeType: 'image/jpeg' }], platformMessageId: 'wamid.xyzxyz', receivedAt: '2023-10-11T16:56:19.000Z',
    },
  },
  'whatsapp/batched-duplicate-messages.json': {
    path: 'whatsapp',
    received: 1,
    ignored: 1,
    message: { channel: 'whatsapp', account: 'acme-whatsapp-sales', author: { id: '5678', phone: '+5678', name: 'Kerry Fisher' }, text: 'Hello World', platformMessageId: 'external_id' },
  },
  'whatsapp/text-bsuid-no-phone.json': {
    path: 'whatsapp',
    received: 1,
    ignored: 0,
    message: { channel: 'whatsapp', account: 'acme-whatsapp-sales', author: { id: 'US.1234', name: 'Kerry Fisher', handle: 'kfisher' }, text: 'Hello World', threadId: '1234567890:US.1234' },
  },
  'whatsapp/status-failed.json': { path: 'whatsapp', received: 0, deliveries: 1, ignored: 0 },
};

describe.skipIf(!present)('Meta webhooks with the shared payloads', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await metaRuntime();
  });
  afterEach(async () => {
    await runtime.close();
  });

  it('has an expectation for every payload file', () => {
    const files = ['facebook', 'messenger', 'whatsapp'].flatMap((folder) =>
      readdirSync(join(CORPUS, folder)).filter((name) => name.endsWith('.json')).map((name) => `${folder}/${name}`),
    );
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`accepts ${file} signed over its exact bytes`, async () => {
      const raw = corpusFile(file);
      const { status, json } = await postWebhook(runtime, expected.path, raw);
      expect(status).toBe(200);
      expect(json).toEqual({ received: expected.received, duplicates: 0, changes: expected.changes ?? 0, deliveries: expected.deliveries ?? 0, ignored: expected.ignored });
      const stored = storedMessages(runtime);
      expect(stored).toHaveLength(expected.received);
      if (expected.message) {
        expect(stored[0]!.message).toMatchObject(expected.message);
        expect(typeof stored[0]!.message.author.id).toBe('string');
      }
    });
  }

  it('ignores the feed fixtures as our own page activity, saying why', () => {
    const normalized = normalizeMeta('facebook', JSON.parse(corpusFile('facebook/feed-comment-add.json').toString()));
    expect(normalized.messages).toEqual([]);
    expect(normalized.ignored).toEqual(['facebook comment add 901097836652708_903438993085259: by our own page 1234567890321']);
  });

  it('starts one flow run per new message (the sample messenger-care and messaging-continuity flows)', async () => {
    await postWebhook(runtime, 'facebook', corpusFile('messenger/text-message.json'));
    await postWebhook(runtime, 'whatsapp', corpusFile('whatsapp/text.json'));
    const messages = storedMessages(runtime);
    const byMid = (mid: string) => messages.find((message) => message.platformMessageId === mid)!;
    const messenger = await settledRuns(runtime, byMid('external_id').id);
    const whatsapp = await settledRuns(runtime, byMid(WAMID_TEXT).id);
    expect(messenger.map((run) => run.flowId)).toEqual(['messenger-care']);
    expect(whatsapp.map((run) => run.flowId)).toEqual(['messaging-continuity']);
    expect([...messenger, ...whatsapp].every((run) => run.status === 'completed' || run.status === 'waiting')).toBe(true);
  });

  it('stores a mid sent twice in one batch and again later once, with one run', async () => {
    const first = await postWebhook(runtime, 'facebook', corpusFile('messenger/batched-duplicate-mid.json'));
    expect(first.json).toMatchObject({ received: 1, ignored: 1 });
    const again = await postWebhook(runtime, 'facebook', corpusFile('messenger/text-message.json'));
    expect(again).toEqual({ status: 200, json: { received: 0, duplicates: 1, changes: 0, deliveries: 0, ignored: 0 } });
    const stored = storedMessages(runtime).filter((message) => message.platformMessageId === 'external_id');
    expect(stored).toHaveLength(1);
    expect(await settledRuns(runtime, stored[0]!.id)).toHaveLength(1);
    expect(runtime.store.executions.list({ limit: 100 })).toHaveLength(1);
  });

  it('marks a stored Messenger message removed when the customer unsends it', async () => {
    const sent = Buffer.from(JSON.stringify({
      object: 'page',
      entry: [{ id: '12345654332', time: 1457764190000, messaging: [{ sender: { id: '987654321432' }, recipient: { id: '12345654332' }, timestamp: 1457764190000, message: { mid: 'message_id', text: 'oops, wrong chat' } }] }],
    }));
    await postWebhook(runtime, 'facebook', sent);
    await postWebhook(runtime, 'facebook', corpusFile('messenger/message-deleted.json'));
    const [stored] = storedMessages(runtime);
    expect(stored).toMatchObject({ platformMessageId: 'message_id', account: 'corpus-messenger-b', deletedAt: '2016-03-12T06:29:57.627Z' });
  });

  it('sets the delivery status of our outbound WhatsApp message from a status report', async () => {
    const wamid = 'wamid.HBgLMzI0NzY3NTUzNzYVAgARGBIzOTI2MzFGRjdBRjA4M0Y2RDQA';
    const at = '2023-10-25T10:00:00.000Z';
    const inbound = { id: 'msg-1', channel: 'whatsapp', visibility: 'private', kind: 'message', account: 'acme-whatsapp', author: { id: '32476755376' }, text: 'hi', platformMessageId: 'wamid.in', receivedAt: at } as const;
    runtime.store.executions.start(inbound, { id: 'run-1', flowId: 'messaging-continuity', flowVersion: 1 });
    runtime.store.executions.commit({
      executionId: 'run-1', messageId: 'msg-1', status: 'completed', steps: [], at,
      actions: [{ id: 'out-1', action: 'reply', channel: 'whatsapp', account: 'acme-whatsapp', visibility: 'private', text: 'Hello!', target: { messageId: 'msg-1', platformMessageId: 'wamid.in', authorId: '32476755376' }, retryForSeconds: 60 }],
    });
    runtime.store.outbox.markSent('out-1', at, wamid);

    const { json } = await postWebhook(runtime, 'whatsapp', corpusFile('whatsapp/status-failed.json'));
    expect(json).toMatchObject({ received: 0, deliveries: 1 });
    expect(runtime.store.outbox.get('out-1')).toMatchObject({ status: 'sent', platformResultId: wamid, deliveryStatus: 'failed', deliveryError: 'Receiver is incapable of receiving this message (131026)' });
    expect(storedMessages(runtime).map((message) => message.platformMessageId)).toEqual(['wamid.in']);
  });
});

describe.skipIf(!present)('Facebook feed payloads written by a customer', () => {
  // The same fixtures with the author changed from the page to a customer (signed over the changed bytes).
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await metaRuntime();
  });
  afterEach(async () => {
    await runtime.close();
  });

  const customerPost = (file: string) => postWebhook(runtime, 'facebook', asCustomer(corpusFile(`facebook/${file}`)));

  it('stores a comment on a post as a public comment with the comment as its reply target', async () => {
    expect((await customerPost('feed-comment-add.json')).json).toMatchObject({ received: 1, ignored: 0 });
    const [stored] = storedMessages(runtime);
    expect(stored!.message).toMatchObject({
      channel: 'facebook', visibility: 'public', kind: 'comment', account: 'acme-facebook', author: { id: CUSTOMER_ID, name: 'Tester' }, text: 'and the next one',
      replyTarget: { kind: 'comment', id: '901097836652708_903438993085259' }, threadId: '1234567890321_901097836652708',
      platformMessageId: '901097836652708_903438993085259', receivedAt: '2015-12-03T09:30:03.000Z',
    });
    expect((await settledRuns(runtime, stored!.id)).map((run) => run.flowId)).toEqual(['social-care']);
  });

  it('keeps the photo of a comment and the numeric legacy sender id as a string', async () => {
    await customerPost('feed-comment-add-with-photo.json');
    const [stored] = storedMessages(runtime);
    expect(stored!.message.author).toEqual({ id: CUSTOMER_ID, name: 'Tester' });
    expect(stored!.message.attachments).toEqual([{ type: 'image', url: expect.stringMatching(/^https:\/\/scontent-fra3-1\.xx\.fbcdn\.net\/.*16715996_472849323104563/) }]);
  });

  it('stores a reaction to a post with no text', async () => {
    await customerPost('feed-reaction-add.json');
    const [stored] = storedMessages(runtime);
    expect(stored!.message).toMatchObject({
      kind: 'reaction', visibility: 'public', text: '', author: { id: CUSTOMER_ID, name: 'John Doe' }, attachments: [{ type: 'reaction', emoji: '❤️', caption: 'love' }],
      replyTarget: { kind: 'post', id: '1234567890321_98735342324352' }, receivedAt: '2016-10-04T11:00:54.000Z',
    });
  });

  it('updates a stored comment on an edit and marks it removed on a removal', async () => {
    const add = (commentId: string, postId: string, text: string) =>
      JSON.stringify({ object: 'page', entry: [{ id: '1234567890321', time: 1448555000, changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', comment_id: commentId, post_id: postId, parent_id: postId, from: { id: CUSTOMER_ID, name: 'Tester' }, created_time: 1448555000, message: text } }] }] });
    await postWebhook(runtime, 'facebook', add('900728623356296_900744590021366', '1234567890321_900728623356296', 'Let us see'));
    await postWebhook(runtime, 'facebook', add('905578656204626_905579239537901', '1234567890321_905578656204626', 'to be removed'));

    expect((await customerPost('feed-comment-edited.json')).json).toMatchObject({ received: 0, changes: 1 });
    expect((await customerPost('feed-comment-remove.json')).json).toMatchObject({ received: 0, changes: 1 });
    expect((await customerPost('feed-post-remove-numeric-ids.json')).json).toMatchObject({ received: 0, changes: 1 });

    const stored = storedMessages(runtime);
    const edited = stored.find((message) => message.platformMessageId === '900728623356296_900744590021366')!;
    expect(edited).toMatchObject({ text: "Let's see the Webhooks in action :D", originalText: 'Let us see', editedAt: '2015-11-26T16:35:37.000Z' });
    expect(stored.find((message) => message.platformMessageId === '905578656204626_905579239537901')!.deletedAt).toBe('2016-01-06T19:06:22.000Z');
    await settledRuns(runtime, edited.id);
  });
});
