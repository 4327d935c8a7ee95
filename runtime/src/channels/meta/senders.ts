import type { Channel } from '../../../../schemas/message.ts';
import type { Account } from '../../../../schemas/resources/index.ts';
import type { ActionSender } from '../../outbox/dispatcher.ts';
import type { OutboxRecord, Store } from '../../store/types.ts';
import type { AccountDirectory } from '../types.ts';
import { permanent } from '../platform-http.ts';
import { idOf, objects, type Json } from './common.ts';
import { DEFAULT_GRAPH_URL, graphPost } from './graph-call.ts';

export interface MetaSenderOptions {
  /** Graph API base (with its version path); an account's `baseUrl`, then this, then `META_GRAPH_URL`, then graph.facebook.com. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /**
   * When the customer last wrote in the conversation the item answers: the
   * sender cannot see the store, so the messaging windows (24 h for Messenger
   * and WhatsApp, 7 days for a private reply to a comment) are checked only
   * when this is given. `lastInboundFromStore(store)` is the usual one.
   */
  lastInboundAt?: (item: OutboxRecord) => string | undefined | Promise<string | undefined>;
  now?: () => Date;
}

/** Text limits, in characters (Messenger 2000, WhatsApp 4096; Graph comments take about 8000). */
export const META_TEXT_LIMITS = { messenger: 2000, whatsapp: 4096, comment: 8000 } as const;
const HOUR_MS = 3_600_000;
/** The standard messaging window; a private reply to a comment may be sent for 7 days [recall]. */
const WINDOW_MS = { standard: 24 * HOUR_MS, privateReply: 7 * 24 * HOUR_MS };

/**
 * Outbound Graph API calls for outbox items: public comment replies, private
 * replies to comments, Messenger Send API, WhatsApp Cloud API messages and
 * likes. Platform rules (text length, messaging windows) are checked first:
 * breaking them fails the item for good with the reason.
 */
export function createMetaSenders(accounts: AccountDirectory, options: MetaSenderOptions = {}): Record<'facebook' | 'messenger' | 'whatsapp', ActionSender> {
  const sender = (channel: 'facebook' | 'messenger' | 'whatsapp'): ActionSender => ({
    send: async (item, signal) => {
      const account = accounts.of([channel]).find((candidate) => candidate.id === item.account);
      if (!account) return permanent(`no ${channel} account "${item.account}"`);
      const token = accounts.secret(account, 'pageAccessToken') ?? accounts.secret(account, 'accessToken');
      if (!token) return permanent(`account "${account.id}" has no access token (its pageAccessToken / accessToken environment variable is not set)`);
      const planned = await plan(channel, account, item, options);
      if ('error' in planned) return permanent(planned.error);
      const base = (account.baseUrl ?? options.baseUrl ?? process.env.META_GRAPH_URL ?? DEFAULT_GRAPH_URL).replace(/\/+$/, '');
      const url = `${base}/${planned.path.map(encodeURIComponent).join('/')}`;
      return graphPost(options.fetch ?? fetch, url, token, planned.body, signal, planned.resultId);
    },
  });
  return { facebook: sender('facebook'), messenger: sender('messenger'), whatsapp: sender('whatsapp') };
}

interface Planned {
  path: string[];
  body: Json;
  resultId: (json: Json) => string | undefined;
}

const commentId = (json: Json) => idOf(json.id);
const messengerId = (json: Json) => idOf(json.message_id);
const whatsappId = (json: Json) => idOf(objects(json.messages)[0]?.id);
const noId = () => undefined;

/** The Graph call an item becomes, or why it must not be sent. */
async function plan(channel: Channel, account: Account, item: OutboxRecord, options: MetaSenderOptions): Promise<Planned | { error: string }> {
  const { target } = item;
  if (item.action === 'retweet' || item.action === 'favorite') return { error: `${item.action} is a Twitter action; ${channel} has none` };

  if (item.action === 'like') {
    if (channel === 'messenger') return { error: 'Messenger messages cannot be liked through the Send API' };
    if (channel === 'facebook') {
      if (target.platformMessageId.includes('#')) return { error: 'a reaction cannot be liked' };
      return { path: [target.platformMessageId, 'likes'], body: {}, resultId: noId };
    }
    // WhatsApp has no like: a 👍 reaction to the message is the equivalent.
    const closed = await windowClosed(item, options, WINDOW_MS.standard, 'WhatsApp', 'only template messages may be sent outside it');
    if (closed) return { error: closed };
    return { path: [account.platformId, 'messages'], body: { ...whatsappRecipient(target.authorId), type: 'reaction', reaction: { message_id: target.platformMessageId, emoji: '👍' } }, resultId: whatsappId };
  }

  const text = item.text ?? '';
  if (text.trim() === '') return { error: 'a reply needs text' };
  const tooLong = (limit: number, what: string) => (text.length > limit ? `${what} is limited to ${limit} characters; this one has ${text.length}` : undefined);

  if (channel === 'facebook' && item.visibility !== 'private') {
    const long = tooLong(META_TEXT_LIMITS.comment, 'a Facebook comment');
    if (long) return { error: long };
    const on = target.replyTarget && (target.replyTarget.kind === 'comment' || target.replyTarget.kind === 'post') ? target.replyTarget.id : target.platformMessageId;
    return { path: [on, 'comments'], body: { message: text }, resultId: commentId };
  }

  if (channel === 'facebook') {
    // A private reply goes to the commenter's Messenger inbox, once per comment.
    if (target.replyTarget?.kind === 'post' && target.replyTarget.id === target.platformMessageId) return { error: 'a private reply answers a comment, not a post' };
    const long = tooLong(META_TEXT_LIMITS.messenger, 'a private reply (a Messenger message)');
    if (long) return { error: long };
    const closed = await windowClosed(item, options, WINDOW_MS.privateReply, 'private reply', 'a comment can be answered privately for 7 days');
    if (closed) return { error: closed };
    return { path: [account.platformId, 'messages'], body: { recipient: { comment_id: target.platformMessageId }, message: { text } }, resultId: messengerId };
  }

  if (channel === 'messenger') {
    const long = tooLong(META_TEXT_LIMITS.messenger, 'a Messenger message');
    if (long) return { error: long };
    const closed = await windowClosed(item, options, WINDOW_MS.standard, 'Messenger', 'outside it only tagged messages (e.g. HUMAN_AGENT, within 7 days) are allowed');
    if (closed) return { error: closed };
    return { path: [account.platformId, 'messages'], body: { recipient: { id: target.authorId }, messaging_type: 'RESPONSE', message: { text } }, resultId: messengerId };
  }

  const long = tooLong(META_TEXT_LIMITS.whatsapp, 'a WhatsApp text');
  if (long) return { error: long };
  const closed = await windowClosed(item, options, WINDOW_MS.standard, 'WhatsApp', 'only template messages may be sent outside it');
  if (closed) return { error: closed };
  return { path: [account.platformId, 'messages'], body: { ...whatsappRecipient(target.authorId), type: 'text', text: { preview_url: false, body: text } }, resultId: whatsappId };
}

/** A phone-less user (a business-scoped id such as `US.1234`) is addressed by `recipient`, everyone else by `to`. */
function whatsappRecipient(authorId: string): Json {
  const addressed = /^[A-Z]{2}\./.test(authorId) ? { recipient: authorId } : { to: authorId };
  return { messaging_product: 'whatsapp', recipient_type: 'individual', ...addressed };
}

async function windowClosed(item: OutboxRecord, options: MetaSenderOptions, windowMs: number, what: string, allowed: string): Promise<string | undefined> {
  if (!options.lastInboundAt) return undefined;
  const last = await options.lastInboundAt(item);
  const time = last ? Date.parse(last) : NaN;
  if (Number.isNaN(time)) return undefined;
  const now = (options.now ?? (() => new Date()))().getTime();
  if (now - time <= windowMs) return undefined;
  const hours = Math.round(windowMs / HOUR_MS);
  return `outside the ${hours >= 48 ? `${hours / 24}-day` : `${hours}-hour`} ${what} window: the customer last wrote at ${new Date(time).toISOString()}; ${allowed}`;
}

/**
 * The customer's last message in the conversation an item answers, from the
 * store: the newest inbound message of the target's conversation, else the
 * target message itself.
 */
export function lastInboundFromStore(store: Pick<Store, 'messages'>): (item: OutboxRecord) => string | undefined {
  return (item) => {
    const target = store.messages.get(item.target.messageId);
    if (!target) return undefined;
    if (item.channel === 'facebook' || !target.conversationId) return target.receivedAt;
    const newest = store.messages.list({ conversationId: target.conversationId, limit: 200 }).find((message) => message.direction === 'in');
    return newest && newest.receivedAt > target.receivedAt ? newest.receivedAt : target.receivedAt;
  };
}
