import { createHash } from 'node:crypto';
import type { ActionSender, SendResult } from '../../outbox/dispatcher.ts';
import type { OutboxRecord } from '../../store/types.ts';
import { type Fetch, failureOf, isObject, permanent, type PlatformAnswer, postJson, str } from '../platform-http.ts';
import type { AccountDirectory } from '../types.ts';

export interface LineSenderOptions {
  /** API root when the account sets none; else `LINE_API_URL`, else https://api.line.me. */
  baseUrl?: string;
  fetch?: Fetch;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** A reply token this close to expiry is not tried (the request takes time too). */
  replyMarginSeconds?: number;
}

export const LINE_TEXT_MAX = 5000;
const DEFAULT_BASE_URL = 'https://api.line.me';

/**
 * Sends replies through the LINE Messaging API: with the reply token while it
 * is fresh (free, but single-use and short-lived), else, or when LINE says
 * "Invalid reply token", as a push to the user, group or room. Pushes carry
 * `X-Line-Retry-Key` (the outbox item's id), so a retried push is delivered
 * once and LINE's 409 for it counts as sent.
 */
export function createLineSender(accounts: AccountDirectory, options: LineSenderOptions = {}): ActionSender {
  const fetchImpl = options.fetch ?? fetch;
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const margin = (options.replyMarginSeconds ?? 2) * 1000;

  return {
    async send(item: OutboxRecord, signal: AbortSignal): Promise<SendResult> {
      if (item.action !== 'reply') return permanent(`LINE has no "${item.action}": only replies can be sent`);
      const account = accounts.of(['line']).find((candidate) => candidate.id === item.account);
      if (!account) return permanent(`no LINE account "${item.account}"`);
      const token = accounts.secret(account, 'accessToken');
      if (!token) return permanent(`LINE account "${account.id}" has no accessToken (${account.secrets?.accessToken?.env ?? 'no secret named'} is not set)`);
      const text = item.text ?? '';
      if (text.trim() === '') return permanent('the reply has no text');
      // LINE counts UTF-16 units; counting them is never more lenient than LINE.
      if (text.length > LINE_TEXT_MAX) return permanent(`the LINE message is ${text.length} characters; LINE allows ${LINE_TEXT_MAX}`);

      const base = (account.baseUrl ?? options.baseUrl ?? env.LINE_API_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
      const auth = { authorization: `Bearer ${token}` };
      const messages = [{ type: 'text', text }];

      const reply = item.target.replyTarget;
      const fresh = reply?.kind === 'reply-token' && (!reply.expiresAt || Date.parse(reply.expiresAt) - margin > now().getTime());
      if (reply && fresh) {
        const answer = await postJson(fetchImpl, `${base}/v2/bot/message/reply`, { replyToken: reply.id, messages }, auth, signal);
        if ('failure' in answer) return answer.failure;
        if (answer.status >= 200 && answer.status < 300) return sent(answer);
        const message = errorMessage(answer.body);
        // Expired or already used: the push below still reaches the user.
        if (!(answer.status === 400 && message && /invalid reply token/i.test(message))) return failureOf(answer, 'LINE /v2/bot/message/reply', message);
      }

      const to = item.target.threadId ?? item.target.authorId;
      const headers = { ...auth, 'x-line-retry-key': retryKey(item.id) };
      const answer = await postJson(fetchImpl, `${base}/v2/bot/message/push`, { to, messages }, headers, signal);
      if ('failure' in answer) return answer.failure;
      if (answer.status >= 200 && answer.status < 300) return sent(answer);
      // The same retry key was accepted before: an earlier attempt got through.
      if (answer.status === 409) return { ok: true };
      return failureOf(answer, 'LINE /v2/bot/message/push', errorMessage(answer.body));
    },
  };
}

function sent(answer: PlatformAnswer): SendResult {
  const first = isObject(answer.body) && Array.isArray(answer.body.sentMessages) ? answer.body.sentMessages[0] : undefined;
  const id = isObject(first) ? str(first.id) : undefined;
  return id ? { ok: true, platformResultId: id } : { ok: true };
}

/** LINE wants a UUID; outbox ids are UUIDs already, anything else is hashed into one. */
export function retryKey(id: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.toLowerCase();
  const hex = createHash('sha256').update(id).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `{"message": "...", "details": [{"message", "property"}]}`. */
function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 300) || undefined;
  if (!isObject(body)) return undefined;
  const details = Array.isArray(body.details) ? body.details.filter(isObject) : [];
  const detail = details.map((d) => [str(d.property), str(d.message)].filter(Boolean).join(': ')).filter(Boolean).join('; ');
  const message = str(body.message);
  return message && detail ? `${message} (${detail})` : message ?? (detail || undefined);
}
