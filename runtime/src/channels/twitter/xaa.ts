import type { Attachment, InboundMessage } from '../../../../schemas/message.ts';
import type { AccountDirectory, Normalized } from '../types.ts';
import { conversationId, optional } from './activity.ts';
import { isObject, str } from '../platform-http.ts';
import { decodeEntities } from './text.ts';
import { isoTime } from '../timestamps.ts';

type Json = Record<string, unknown>;

/**
 * The X Activity API envelope, `{"data":{event_uuid, filter:{user_id},
 * event_type, payload, includes}}` (or an array of them). Posts are v2
 * objects (`author_id`, `conversation_id`, `note_tweet` for long posts).
 * Only `post.mention.create` is documented with a full sample; DM events are
 * read on the v2 DM-event shape (`sender_id`, `text`, `dm_conversation_id`)
 * as a best effort.
 */
export function normalizeActivityEvents(data: unknown, accounts: AccountDirectory, out: Normalized): void {
  for (const event of Array.isArray(data) ? data : [data]) {
    if (!isObject(event)) {
      out.ignored.push('twitter activity: an event that is not an object');
      continue;
    }
    const type = str(event.event_type) ?? '?';
    const uuid = str(event.event_uuid) ?? '?';
    const userId = isObject(event.filter) ? str(event.filter.user_id) : undefined;
    const account = userId ? accounts.find('twitter', userId) : undefined;
    const payload = isObject(event.payload) ? event.payload : undefined;
    if (!account || !payload) {
      out.ignored.push(`twitter activity ${type} ${uuid}: ${payload ? `no Twitter account with id ${userId ?? '(no filter.user_id)'}` : 'no payload'}`);
      continue;
    }
    const includes = isObject(event.includes) ? event.includes : {};
    if (/^post\.(mention|reply|quote)\.create$/.test(type) || type === 'post.create') {
      const message = post(payload, includes, account.id, account.platformId, out, type);
      if (message) out.messages.push(message);
    } else if (type === 'dm.received' || type === 'dm.create') {
      const message = directMessage(payload, includes, account.id, account.platformId, out, type);
      if (message) out.messages.push(message);
    } else if (type === 'post.delete' || type === 'post.destroy') {
      const id = str(payload.id);
      if (id) out.changes.push({ kind: 'deleted', channel: 'twitter', account: account.id, platformMessageId: id, at: new Date().toISOString() });
      else out.ignored.push(`twitter activity ${type} ${uuid}: no post id`);
    } else if (type === 'dm.sent') {
      out.ignored.push(`twitter activity ${type} ${uuid}: our own DM (echo of what we sent)`);
    } else {
      out.ignored.push(`twitter activity ${type} ${uuid}: this event type starts no flow`);
    }
  }
}

function post(payload: Json, includes: Json, account: string, ourId: string, out: Normalized, type: string): InboundMessage | undefined {
  const id = str(payload.id);
  const authorId = str(payload.author_id);
  if (!id || !authorId) return void out.ignored.push(`twitter activity ${type}: a post without id or author_id`);
  if (authorId === ourId) return void out.ignored.push(`twitter activity post ${id}: our own post`);
  const author = userOf(includes, authorId);
  const note = isObject(payload.note_tweet) ? str(payload.note_tweet.text) : undefined;
  const repliedTo = Array.isArray(payload.referenced_tweets)
    ? payload.referenced_tweets.find((ref): ref is Json => isObject(ref) && ref.type === 'replied_to')
    : undefined;
  const language = str(payload.lang);
  const media = mediaOf(payload, includes);
  return {
    channel: 'twitter',
    visibility: 'public',
    kind: repliedTo || str(payload.in_reply_to_user_id) ? 'reply' : 'mention',
    account,
    author: { id: authorId, ...optional('handle', str(author?.username)), ...optional('name', str(author?.name)) },
    text: decodeEntities(note ?? str(payload.text) ?? ''),
    platformMessageId: id,
    replyTarget: { kind: 'tweet', id },
    ...(media.length > 0 && { attachments: media }),
    ...optional('threadId', str(payload.conversation_id)),
    ...optional('receivedAt', isoTime(payload.created_at)),
    ...(language && language !== 'und' && { language }),
  };
}

function directMessage(payload: Json, includes: Json, account: string, ourId: string, out: Normalized, type: string): InboundMessage | undefined {
  const id = str(payload.id) ?? str(payload.dm_event_id);
  const sender = str(payload.sender_id);
  if (!id || !sender) return void out.ignored.push(`twitter activity ${type}: a DM without id or sender_id`);
  if (sender === ourId) return void out.ignored.push(`twitter activity DM ${id}: our own DM (echo of what we sent)`);
  const author = userOf(includes, sender);
  const media = mediaOf(payload, includes);
  return {
    channel: 'twitter',
    visibility: 'private',
    kind: 'dm',
    account,
    author: { id: sender, ...optional('handle', str(author?.username)), ...optional('name', str(author?.name)) },
    text: decodeEntities(str(payload.text) ?? ''),
    platformMessageId: id,
    threadId: str(payload.dm_conversation_id) ?? conversationId(sender, ourId),
    ...(media.length > 0 && { attachments: media }),
    ...optional('receivedAt', isoTime(payload.created_at)),
  };
}

function userOf(includes: Json, id: string): Json | undefined {
  return Array.isArray(includes.users) ? includes.users.find((user): user is Json => isObject(user) && user.id === id) : undefined;
}

function mediaOf(payload: Json, includes: Json): Attachment[] {
  const keys = isObject(payload.attachments) && Array.isArray(payload.attachments.media_keys) ? payload.attachments.media_keys : [];
  const media = Array.isArray(includes.media) ? includes.media.filter(isObject) : [];
  return keys.flatMap((key) => {
    const item = media.find((m) => m.media_key === key);
    if (!item) return [];
    const isVideo = item.type === 'video' || item.type === 'animated_gif';
    const url = str(item.url) ?? str(item.preview_image_url);
    return [{ type: isVideo ? ('video' as const) : ('image' as const), id: String(key), ...optional('url', url) }];
  });
}
