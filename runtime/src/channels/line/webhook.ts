import type { Account } from '../../../../schemas/resources/index.ts';
import { hmacMatches, secretsOf } from '../signature.ts';
import { isObject, str } from '../platform-http.ts';
import type { AccountDirectory, Normalized, WebhookAdapter } from '../types.ts';
import { normalizeEvent } from './events.ts';

export interface LineWebhookOptions {
  /**
   * How long a reply token stays usable after the event, in seconds. LINE
   * documents no number ("a certain period"); about a minute is the common
   * reading. The sender pushes instead once it has passed.
   */
  replyTokenSeconds?: number;
}

const SIGNATURE_HEADER = 'x-line-signature';

/**
 * `/webhooks/line`: no GET handshake (the console's "Verify" is a signed
 * POST with no events); `x-line-signature` is the base64 HMAC-SHA256 of the
 * raw body with the channel secret, no prefix.
 */
export function createLineWebhook(options: LineWebhookOptions = {}): WebhookAdapter {
  const replyTokenSeconds = options.replyTokenSeconds ?? Number(process.env.LINE_REPLY_TOKEN_SECONDS || 60);
  return {
    path: 'line',
    channels: ['line'],

    verify(request, accounts) {
      const claimed = request.headers.get(SIGNATURE_HEADER);
      if (!claimed) return false;
      const secrets = secretsOf(accounts.of(['line']), (account) => accounts.secret(account, 'channelSecret'));
      return secrets.some((secret) => hmacMatches(request.raw, secret, claimed, 'base64'));
    },

    normalize(payload, accounts) {
      const out: Normalized = { messages: [], changes: [], deliveries: [], ignored: [] };
      if (!isObject(payload) || !Array.isArray(payload.events)) {
        out.ignored.push('line: the body has no events array');
        return out;
      }
      if (payload.events.length === 0) {
        out.ignored.push('line: a connection check (no events)');
        return out;
      }
      const destination = str(payload.destination);
      const account = destination ? accounts.find('line', destination) : soleAccount(accounts);
      if (!account) {
        const why = destination
          ? `no LINE account with destination ${destination}`
          : `no destination, and ${accounts.of(['line']).length} LINE accounts to choose from`;
        out.ignored.push(`line: ${payload.events.length} event(s) ignored: ${why}`);
        return out;
      }
      for (const event of payload.events) normalizeEvent(event, account, replyTokenSeconds, out);
      return out;
    },
  };
}

/**
 * Older payloads have no `destination`. They can only be ours if we have one
 * LINE channel, or one whose secret is set (the one that can have signed it).
 * With several, `normalize` cannot tell which secret verified the body, so
 * the events are ignored rather than filed under a guess.
 */
function soleAccount(accounts: AccountDirectory): Account | undefined {
  const all = accounts.of(['line']);
  if (all.length === 1) return all[0];
  const signing = all.filter((account) => accounts.secret(account, 'channelSecret'));
  return signing.length === 1 ? signing[0] : undefined;
}

export const lineWebhook: WebhookAdapter = createLineWebhook();
