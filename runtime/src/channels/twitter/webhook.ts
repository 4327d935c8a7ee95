import { createHmac } from 'node:crypto';
import { hmacMatches, secretsOf } from '../signature.ts';
import type { AccountDirectory, HandshakeAnswer, Normalized, WebhookAdapter } from '../types.ts';
import { normalizeAccountActivity } from './activity.ts';
import { isObject } from '../platform-http.ts';
import { normalizeActivityEvents } from './xaa.ts';

const SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

/** Every consumer secret our Twitter accounts name (usually one: the app's). */
function consumerSecrets(accounts: AccountDirectory): string[] {
  return secretsOf(accounts.of(['twitter']), (account) => accounts.secret(account, 'consumerSecret'));
}

/** X's CRC: base64 HMAC-SHA256 of the token with the consumer secret. */
export function crcResponseToken(consumerSecret: string, crcToken: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(crcToken).digest('base64')}`;
}

function json(status: number, body: unknown): HandshakeAnswer {
  return { status, body: JSON.stringify(body), contentType: 'application/json' };
}

/**
 * `/webhooks/twitter`: the Account Activity API and the X Activity API
 * (same CRC, same signature). Our own tweets and DMs come back as events
 * and are dropped; likes, follows, typing indicators start nothing.
 */
export const twitterWebhook: WebhookAdapter = {
  path: 'twitter',
  channels: ['twitter'],

  handshake(request, accounts) {
    const token = request.url.searchParams.get('crc_token');
    if (token === null) return json(400, { error: 'crc_token is missing' });
    // One webhook belongs to one X app: its consumer secret is the one our accounts name.
    const [secret] = consumerSecrets(accounts);
    if (!secret) return json(503, { error: 'no Twitter account names a consumerSecret that is set' });
    return json(200, { response_token: crcResponseToken(secret, token) });
  },

  verify(request, accounts) {
    const header = request.headers.get(SIGNATURE_HEADER);
    if (!header?.startsWith('sha256=')) return false;
    const claimed = header.slice('sha256='.length);
    return consumerSecrets(accounts).some((secret) => hmacMatches(request.raw, secret, claimed, 'base64'));
  },

  normalize(payload, accounts) {
    const out: Normalized = { messages: [], changes: [], deliveries: [], ignored: [] };
    if (!isObject(payload)) {
      out.ignored.push('twitter: the body is not a JSON object');
    } else if ('data' in payload && !('for_user_id' in payload)) {
      normalizeActivityEvents(payload.data, accounts, out);
    } else {
      normalizeAccountActivity(payload, accounts, out);
    }
    return out;
  },
};
