import type { Attachment, InboundMessage } from '../../../../schemas/message.ts';
import type { Account } from '../../../../schemas/resources/index.ts';
import { optional } from '../twitter/activity.ts';
import { isObject, str } from '../platform-http.ts';
import { isoTime } from '../timestamps.ts';
import type { Normalized } from '../types.ts';

type Json = Record<string, unknown>;

/** Events that carry nothing a customer wrote to us. */
const SILENT: Record<string, string> = {
  follow: 'the user added or unblocked the bot',
  unfollow: 'the user blocked the bot',
  join: 'the bot joined a group or room',
  leave: 'the bot left a group or room',
  memberJoined: 'someone joined a group the bot is in',
  memberLeft: 'someone left a group the bot is in',
  postback: 'a button tap (postback data, no message)',
  beacon: 'a LINE Beacon signal',
  accountLink: 'an account link result',
  things: 'a LINE Things device event',
  videoPlayComplete: 'a video was watched to the end',
  membership: 'a membership change',
  module: 'a module attach or detach',
  activated: 'the chat control was handed to the bot',
  deactivated: 'the chat control was taken from the bot',
  botSuspended: 'the bot was suspended',
  botResumed: 'the bot was resumed',
};

/** Where LINE puts media the user sent that LINE hosts (fetched with the channel access token). */
const CONTENT_URL = 'https://api-data.line.me/v2/bot/message';

/**
 * One LINE webhook event: a message becomes an inbound message; `unsend` and
 * `messageEdited` change the stored one (found by `message.id`, which is also
 * the de-duplication key: a redelivered event carries the same id).
 */
export function normalizeEvent(event: unknown, account: Account, replyTokenSeconds: number, out: Normalized): void {
  if (!isObject(event)) return void out.ignored.push('line: an event that is not an object');
  const type = str(event.type) ?? '?';
  const eventId = str(event.webhookEventId) ?? '(no webhookEventId)';
  const what = `line ${type} event ${eventId}`;
  if (event.mode === 'standby') return void out.ignored.push(`${what}: standby mode, another module answers this chat`);
  const at = isoTime(event.timestamp) ?? new Date().toISOString();
  if (type === 'message') return message(event, account, replyTokenSeconds, what, out);
  if (type === 'unsend') {
    const id = isObject(event.unsend) ? str(event.unsend.messageId) : undefined;
    if (!id) return void out.ignored.push(`${what}: no unsend.messageId`);
    return void out.changes.push({ kind: 'deleted', channel: 'line', account: account.id, platformMessageId: id, at });
  }
  if (type === 'messageEdited') {
    const edited = isObject(event.message) ? event.message : {};
    const id = str(edited.id);
    if (!id) return void out.ignored.push(`${what}: no message.id`);
    return void out.changes.push({ kind: 'edited', channel: 'line', account: account.id, platformMessageId: id, ...optional('text', str(edited.text)), at });
  }
  out.ignored.push(type in SILENT ? `${what}: ${SILENT[type]}; starts no flow` : `${what}: unknown event type, ignored`);
}

function message(event: Json, account: Account, replyTokenSeconds: number, what: string, out: Normalized): void {
  const body = isObject(event.message) ? event.message : undefined;
  const source = isObject(event.source) ? event.source : {};
  const conversation = str(source.groupId) ?? str(source.roomId);
  // In groups the author is still the user; LINE omits userId for users of other clients, so fall back to the group.
  const authorId = str(source.userId) ?? conversation;
  const id = str(body?.id) ?? str(event.webhookEventId);
  if (!body || !id || !authorId) return void out.ignored.push(`${what}: no message, message id or source`);
  const content = contentOf(body, id);
  if (!content) return void out.ignored.push(`${what}: message type "${String(body.type)}" is not read`);
  const token = str(event.replyToken);
  const timestamp = typeof event.timestamp === 'number' ? event.timestamp : Date.now();
  const inbound: InboundMessage = {
    channel: 'line',
    visibility: 'private',
    kind: 'message',
    account: account.id,
    author: { id: authorId },
    text: content.text,
    platformMessageId: id,
    ...(content.attachments.length > 0 && { attachments: content.attachments }),
    ...(token && { replyTarget: { kind: 'reply-token' as const, id: token, expiresAt: new Date(timestamp + replyTokenSeconds * 1000).toISOString() } }),
    ...optional('threadId', conversation),
    ...optional('receivedAt', isoTime(event.timestamp)),
  };
  out.messages.push(inbound);
}

/** The text and attachments of a message object; undefined for a type we do not read. */
function contentOf(body: Json, id: string): { text: string; attachments: Attachment[] } | undefined {
  const type = body.type;
  if (type === 'text') return { text: typeof body.text === 'string' ? body.text : '', attachments: [] };
  if (type === 'sticker') {
    const keywords = Array.isArray(body.keywords) ? body.keywords.filter((k): k is string => typeof k === 'string') : [];
    const sticker: Attachment = {
      type: 'sticker',
      id: `${String(body.packageId ?? '')}/${String(body.stickerId ?? '')}`,
      ...(keywords.length > 0 && { caption: keywords.join(', ').slice(0, 4096) }),
    };
    // A "message sticker" carries the words the user typed on it.
    return { text: str(body.text) ?? '', attachments: [sticker] };
  }
  if (type === 'image' || type === 'video' || type === 'audio' || type === 'file') {
    const provider = isObject(body.contentProvider) ? body.contentProvider : {};
    const url = provider.type === 'external' ? str(provider.originalContentUrl) : `${CONTENT_URL}/${encodeURIComponent(id)}/content`;
    const media: Attachment = { type, id, ...optional('url', url), ...optional('caption', str(body.fileName)) };
    return { text: '', attachments: [media] };
  }
  if (type === 'location') {
    const place = [str(body.title), str(body.address)].filter(Boolean).join(', ');
    const geo = typeof body.latitude === 'number' && typeof body.longitude === 'number' ? `geo:${body.latitude},${body.longitude}` : undefined;
    return { text: '', attachments: [{ type: 'location', ...optional('url', geo), ...(place && { caption: place }) }] };
  }
  return undefined;
}
