import type { Account } from '../../../../schemas/resources/index.ts';
import type { ActionSender, SendResult } from '../../outbox/dispatcher.ts';
import type { OutboxRecord } from '../../store/types.ts';
import type { AccountDirectory } from '../types.ts';
import { type Fetch, failureOf, isObject, permanent, postJson, str } from '../platform-http.ts';
import { codePoints, DM_MAX_CHARACTERS, TWEET_MAX_WEIGHT, tweetWeight } from './text.ts';

export interface TwitterSenderOptions {
  /** API root when the account sets none; else `TWITTER_API_URL`, else https://api.x.com. */
  baseUrl?: string;
  fetch?: Fetch;
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_BASE_URL = 'https://api.x.com';

/**
 * Sends outbox items to the X API v2: a public reply is a post with
 * `reply.in_reply_to_tweet_id`, a private one a DM to the author; like and
 * favorite (the same thing since X renamed favorites to likes, and v1.1
 * `favorites/create` is not open to v2 user tokens) post to
 * `/2/users/:id/likes`, retweet to `/2/users/:id/retweets`.
 *
 * Authentication is `Authorization: Bearer <accessToken>` with the token the
 * account names (an OAuth 2.0 user-context token); OAuth 1.0a request signing
 * is not implemented.
 */
export function createTwitterSender(accounts: AccountDirectory, options: TwitterSenderOptions = {}): ActionSender {
  const fetchImpl = options.fetch ?? fetch;
  const env = options.env ?? process.env;

  return {
    async send(item: OutboxRecord, signal: AbortSignal): Promise<SendResult> {
      const account = accounts.of(['twitter']).find((candidate) => candidate.id === item.account);
      if (!account) return permanent(`no Twitter account "${item.account}"`);
      const token = accounts.secret(account, 'accessToken');
      if (!token) return permanent(`Twitter account "${account.id}" has no accessToken (${account.secrets?.accessToken?.env ?? 'no secret named'} is not set)`);
      const planned = plan(item, account);
      if ('error' in planned) return permanent(planned.error);

      const base = (account.baseUrl ?? options.baseUrl ?? env.TWITTER_API_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
      const answer = await postJson(fetchImpl, `${base}${planned.path}`, planned.body, { authorization: `Bearer ${token}` }, signal);
      if ('failure' in answer) return answer.failure;
      const what = `X ${planned.path}`;
      if (answer.status >= 200 && answer.status < 300) return planned.engagement ? { ok: true } : { ok: true, ...resultId(answer.body) };
      const message = errorMessage(answer.body);
      // Idempotency: a like or retweet that is already there was done, by us or a retry of us.
      if (planned.engagement && answer.status < 500 && message && /already/i.test(message)) return { ok: true };
      return failureOf(answer, what, message);
    },
  };
}

type Plan = { path: string; body: unknown; engagement: boolean } | { error: string };

function plan(item: OutboxRecord, account: Account): Plan {
  const target = item.target;
  const tweetId = target.replyTarget?.kind === 'tweet' ? target.replyTarget.id : target.platformMessageId;
  const userPath = `/2/users/${encodeURIComponent(account.platformId)}`;
  switch (item.action) {
    case 'like':
    case 'favorite':
      if (item.visibility === 'private') return { error: `cannot ${item.action} a direct message on X` };
      return { path: `${userPath}/likes`, body: { tweet_id: tweetId }, engagement: true };
    case 'retweet':
      if (item.visibility === 'private') return { error: 'cannot retweet a direct message on X' };
      return { path: `${userPath}/retweets`, body: { tweet_id: tweetId }, engagement: true };
    case 'reply': {
      const text = item.text ?? '';
      if (text.trim() === '') return { error: 'the reply has no text' };
      if (isPrivate(item)) {
        if (codePoints(text) > DM_MAX_CHARACTERS) return { error: `the DM is ${codePoints(text)} characters; X allows ${DM_MAX_CHARACTERS}` };
        return { path: `/2/dm_conversations/with/${encodeURIComponent(target.authorId)}/messages`, body: { text }, engagement: false };
      }
      const weight = tweetWeight(text);
      if (weight > TWEET_MAX_WEIGHT) {
        return { error: `the reply counts ${weight} of X's ${TWEET_MAX_WEIGHT} (CJK and emoji count 2, links 23): shorten it or reply by DM` };
      }
      return { path: '/2/tweets', body: { text, reply: { in_reply_to_tweet_id: tweetId } }, engagement: false };
    }
    default:
      return { error: `X has no action "${String(item.action)}"` };
  }
}

/** A reply with no visibility answers the way the item came: a tweet publicly, anything else privately. */
function isPrivate(item: OutboxRecord): boolean {
  if (item.visibility) return item.visibility === 'private';
  return item.target.replyTarget?.kind !== 'tweet';
}

/** The created post's id, or the DM event's. */
function resultId(body: unknown): { platformResultId?: string } {
  const data = isObject(body) && isObject(body.data) ? body.data : undefined;
  const id = str(data?.dm_event_id) ?? str(data?.id);
  return id ? { platformResultId: id } : {};
}

/** X v2 problems (`detail`, `title`) and v1.1 errors (`errors[].message`). */
function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 300) || undefined;
  if (!isObject(body)) return undefined;
  const errors = Array.isArray(body.errors) ? body.errors.filter(isObject) : [];
  const first = errors[0];
  return str(body.detail) ?? str(first?.message) ?? str(first?.detail) ?? str(body.title) ?? str(body.error);
}
