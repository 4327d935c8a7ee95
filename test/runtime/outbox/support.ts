export { replyFlow } from '../engine/fixtures.ts';
import type { ActionSender, SendResult } from '../../../runtime/src/outbox/dispatcher.ts';

/**
 * A minimal Twitter reply sender speaking real HTTP to the fake platform:
 * 2xx sent, 429 retried after Retry-After, 5xx retried, other 4xx permanent.
 * The request carries the outbox id so tests can count sends per item.
 */
export function tweetSender(baseUrl: string, options: { delayMs?: number } = {}): ActionSender {
  return {
    async send(item, signal): Promise<SendResult> {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      const response = await fetch(`${baseUrl}/2/tweets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: item.text, reply: { in_reply_to_tweet_id: item.target.platformMessageId }, outbox: item.id }),
        signal,
      });
      const body = await response.text();
      if (response.ok) return { ok: true, platformResultId: (JSON.parse(body) as { data: { id: string } }).data.id };
      const error = `HTTP ${response.status} from the platform`;
      if (response.status === 429) return { ok: false, error, retryAfterSeconds: Number(response.headers.get('retry-after') ?? '1') };
      if (response.status >= 500) return { ok: false, error };
      return { ok: false, error, permanent: true };
    },
  };
}

/** Polls until `read` gives something. */
export async function eventually<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
