import type { Attachment, InboundMessage } from '../../../../schemas/message.ts';
import type { Account } from '../../../../schemas/resources/index.ts';
import type { AccountDirectory, Normalized } from '../types.ts';
import { isObject, str } from '../platform-http.ts';
import { decodeEntities } from './text.ts';
import { isoTime } from '../timestamps.ts';

type Json = Record<string, unknown>;

/** Account Activity fields that carry no event. */
const ENVELOPE = new Set(['for_user_id', 'users', 'apps', 'user_has_blocked', 'source']);
/** Account Activity events that start nothing: no customer wrote anything. */
const SILENT: Record<string, string> = {
  follow_events: 'a follow or unfollow',
  block_events: 'a block or unblock',
  mute_events: 'a mute or unmute',
  direct_message_indicate_typing_events: 'a typing indicator',
  direct_message_mark_read_events: 'a read receipt',
  user_event: 'an app revocation',
  replay_job_status: 'a replay job status',
};

/**
 * The Account Activity API (v1.1 objects): `for_user_id` names the subscribed
 * account; each `*_events` array is normalized item by item. Ids are read
 * from the `*_str` fields only: the numeric ones were rounded by whoever
 * parsed them as JS numbers (tweet ids exceed 2^53).
 */
export function normalizeAccountActivity(payload: Json, accounts: AccountDirectory, out: Normalized): void {
  const forUser = str(payload.for_user_id);
  for (const [key, value] of Object.entries(payload)) {
    if (ENVELOPE.has(key)) continue;
    const items = Array.isArray(value) ? value : [value];
    if (key === 'tweet_create_events') {
      for (const tweet of items) tweetCreate(tweet, forUser, payload.user_has_blocked === true, accounts, out);
    } else if (key === 'direct_message_events') {
      const users = isObject(payload.users) ? payload.users : {};
      for (const event of items) directMessage(event, forUser, users, accounts, out);
    } else if (key === 'tweet_delete_events') {
      for (const event of items) tweetDelete(event, forUser, accounts, out);
    } else if (key === 'favorite_events') {
      for (const event of items) out.ignored.push(favoriteReason(event));
    } else if (key in SILENT) {
      out.ignored.push(`twitter ${key}: ${SILENT[key]} (${items.length} item(s)) starts no flow`);
    } else {
      out.ignored.push(`twitter: unknown Account Activity field "${key}" (${items.length} item(s))`);
    }
  }
}

function tweetCreate(tweet: unknown, forUser: string | undefined, authorBlocked: boolean, accounts: AccountDirectory, out: Normalized): void {
  if (!isObject(tweet)) return void out.ignored.push('twitter tweet_create_events: an item that is not an object');
  const id = str(tweet.id_str);
  if (!id) return void out.ignored.push('twitter tweet_create_events: a tweet without id_str (numeric ids are not trusted)');
  const user = isObject(tweet.user) ? tweet.user : {};
  const authorId = str(user.id_str);
  if (!authorId) return void out.ignored.push(`twitter tweet ${id}: no author id_str`);
  // Without for_user_id (older captures), the tweet is ours to answer if it replies to or mentions one of our accounts.
  const account = accountFor(accounts, forUser ? [forUser] : [str(tweet.in_reply_to_user_id_str), ...mentionedIds(tweet)]);
  if (!account) return void out.ignored.push(`twitter tweet ${id}: no Twitter account ${forUser ? `with id ${forUser}` : 'is replied to or mentioned'}`);
  if (authorId === account.platformId) return void out.ignored.push(`twitter tweet ${id}: our own tweet (@${str(user.screen_name) ?? authorId})`);
  if (isObject(tweet.retweeted_status)) return void out.ignored.push(`twitter tweet ${id}: a retweet, not a message to us`);
  if (authorBlocked) return void out.ignored.push(`twitter tweet ${id}: its author is blocked by @${account.handle ?? account.platformId}`);

  const extended = isObject(tweet.extended_tweet) ? tweet.extended_tweet : undefined;
  const rawText = (tweet.truncated === true && str(extended?.full_text)) || str(tweet.full_text) || str(tweet.text) || '';
  const inReplyTo = str(tweet.in_reply_to_status_id_str);
  const media = mediaOf(extended?.extended_entities) ?? mediaOf(tweet.extended_entities) ?? [];
  const language = str(tweet.lang);
  const conversation = str(tweet.conversation_id_str);
  const receivedAt = isoTime(tweet.timestamp_ms) ?? isoTime(tweet.created_at);
  const message: InboundMessage = {
    channel: 'twitter',
    visibility: 'public',
    kind: inReplyTo ? 'reply' : 'mention',
    account: account.id,
    author: { id: authorId, ...optional('handle', str(user.screen_name)), ...optional('name', str(user.name)) },
    text: decodeEntities(rawText),
    platformMessageId: id,
    replyTarget: { kind: 'tweet', id },
    ...(media.length > 0 && { attachments: media }),
    ...optional('threadId', conversation),
    ...optional('receivedAt', receivedAt),
    ...(language && language !== 'und' && { language }),
  };
  out.messages.push(message);
}

function directMessage(event: unknown, forUser: string | undefined, users: Json, accounts: AccountDirectory, out: Normalized): void {
  if (!isObject(event)) return void out.ignored.push('twitter direct_message_events: an item that is not an object');
  const id = str(event.id);
  if (event.type !== 'message_create' || !isObject(event.message_create)) {
    return void out.ignored.push(`twitter direct message event ${id ?? '?'}: type "${String(event.type)}" starts no flow`);
  }
  if (!id) return void out.ignored.push('twitter direct message event: no id');
  const create = event.message_create;
  const sender = str(create.sender_id);
  const recipient = isObject(create.target) ? str(create.target.recipient_id) : undefined;
  if (!sender) return void out.ignored.push(`twitter direct message ${id}: no sender_id`);
  // Older captures have no for_user_id: the account is whichever side is ours.
  const account = accountFor(accounts, forUser ? [forUser] : [recipient, sender]);
  if (!account) return void out.ignored.push(`twitter direct message ${id}: no Twitter account ${forUser ? `with id ${forUser}` : `among ${recipient} and ${sender}`}`);
  // X delivers the DMs we send too: answering them would loop.
  if (sender === account.platformId) return void out.ignored.push(`twitter direct message ${id}: our own DM (echo of what we sent)`);

  const data = isObject(create.message_data) ? create.message_data : {};
  const profile = isObject(users[sender]) ? users[sender] : {};
  const attachment = dmAttachment(data.attachment);
  const message: InboundMessage = {
    channel: 'twitter',
    visibility: 'private',
    kind: 'dm',
    account: account.id,
    author: { id: sender, ...optional('handle', str(profile.screen_name)), ...optional('name', str(profile.name)) },
    text: decodeEntities(typeof data.text === 'string' ? data.text : ''),
    platformMessageId: id,
    threadId: conversationId(sender, account.platformId),
    ...(attachment && { attachments: [attachment] }),
    ...optional('receivedAt', isoTime(event.created_timestamp)),
  };
  out.messages.push(message);
}

function tweetDelete(event: unknown, forUser: string | undefined, accounts: AccountDirectory, out: Normalized): void {
  const status = isObject(event) && isObject(event.status) ? event.status : undefined;
  const id = str(status?.id_str) ?? str(status?.id);
  const account = forUser ? accounts.find('twitter', forUser) : undefined;
  if (!id || !account) return void out.ignored.push(`twitter tweet_delete_events: ${id ? `no Twitter account with id ${forUser}` : 'no status id'}`);
  const at = (isObject(event) && isoTime(event.timestamp_ms)) || new Date().toISOString();
  out.changes.push({ kind: 'deleted', channel: 'twitter', account: account.id, platformMessageId: id, at });
}

function favoriteReason(event: unknown): string {
  const liked = isObject(event) && isObject(event.favorited_status) ? str(event.favorited_status.id_str) : undefined;
  const by = isObject(event) && isObject(event.user) ? str(event.user.screen_name) ?? str(event.user.id_str) : undefined;
  return `twitter favorite_events: @${by ?? '?'} liked tweet ${liked ?? '?'}; a like carries no words to answer, so it starts no flow`;
}

export function accountFor(accounts: AccountDirectory, ids: Array<string | undefined>): Account | undefined {
  for (const id of ids) {
    const account = id ? accounts.find('twitter', id) : undefined;
    if (account) return account;
  }
  return undefined;
}

function mentionedIds(tweet: Json): Array<string | undefined> {
  const extended = isObject(tweet.extended_tweet) ? tweet.extended_tweet : {};
  const entities = isObject(extended.entities) ? extended.entities : isObject(tweet.entities) ? tweet.entities : {};
  return Array.isArray(entities.user_mentions) ? entities.user_mentions.map((mention) => (isObject(mention) ? str(mention.id_str) : undefined)) : [];
}

function mediaOf(entities: unknown): Attachment[] | undefined {
  if (!isObject(entities) || !Array.isArray(entities.media)) return undefined;
  return entities.media.filter(isObject).map(mediaAttachment);
}

function mediaAttachment(media: Json): Attachment {
  const isVideo = media.type === 'video' || media.type === 'animated_gif';
  const url = (isVideo && bestVideo(media.video_info)) || str(media.media_url_https) || str(media.media_url);
  return { type: isVideo ? 'video' : 'image', ...optional('id', str(media.id_str)), ...optional('url', url) };
}

function bestVideo(info: unknown): string | undefined {
  if (!isObject(info) || !Array.isArray(info.variants)) return undefined;
  const mp4 = info.variants.filter((v): v is Json => isObject(v) && v.content_type === 'video/mp4' && typeof v.url === 'string');
  mp4.sort((a, b) => Number(b.bitrate ?? 0) - Number(a.bitrate ?? 0));
  return mp4[0] ? String(mp4[0].url) : undefined;
}

function dmAttachment(attachment: unknown): Attachment | undefined {
  if (!isObject(attachment)) return undefined;
  if (attachment.type === 'media' && isObject(attachment.media)) return mediaAttachment(attachment.media);
  if (attachment.type === 'location') return { type: 'location' };
  return undefined;
}

/** A one-to-one DM conversation id, as X v2 names it: `{smaller id}-{larger id}`, compared as integers. */
export function conversationId(a: string, b: string): string {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return [a, b].sort().join('-');
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
}

export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
