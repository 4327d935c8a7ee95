import { createHash, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../../../../schemas/message.ts';
import { isObject } from '../platform-http.ts';
import { isoTime } from '../timestamps.ts';
import { hmacMatches, secretsOf } from '../signature.ts';
import type { AccountDirectory, HandshakeAnswer, Normalized, WebhookRequest } from '../types.ts';

/**
 * What every Meta webhook shares (Page feed, Messenger, WhatsApp): the
 * `hub.challenge` handshake, the `X-Hub-Signature-256` check over the raw
 * bytes, and reading Meta's loosely typed values (ids as numbers or strings,
 * times in seconds or milliseconds).
 */

/** GET `?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`: echo the challenge when the token is one of ours. */
export function metaHandshake(request: WebhookRequest, accounts: AccountDirectory, channels: readonly Channel[]): HandshakeAnswer {
  const query = request.url.searchParams;
  const token = query.get('hub.verify_token') ?? '';
  const challenge = query.get('hub.challenge') ?? '';
  const tokens = secretsOf(accounts.of(channels), (account) => accounts.secret(account, 'verifyToken'));
  const known = tokens.some((candidate) => sameSecret(candidate, token));
  if (query.get('hub.mode') !== 'subscribe' || !known) return { status: 403, body: 'verify token mismatch', contentType: 'text/plain' };
  if (challenge === '') return { status: 400, body: 'hub.challenge missing', contentType: 'text/plain' };
  return { status: 200, body: challenge, contentType: 'text/plain' };
}

/** POST: `X-Hub-Signature-256: sha256=<hex>` is the HMAC of the raw bytes with one of our accounts' App Secrets. */
export function metaSignatureValid(request: WebhookRequest, accounts: AccountDirectory, channels: readonly Channel[]): boolean {
  const header = request.headers.get('x-hub-signature-256') ?? '';
  if (!header.startsWith('sha256=')) return false;
  const claimed = header.slice('sha256='.length);
  if (!/^[0-9a-fA-F]{64}$/.test(claimed)) return false;
  const secrets = secretsOf(accounts.of(channels), (account) => accounts.secret(account, 'appSecret'));
  return secrets.some((secret) => hmacMatches(request.raw, secret, claimed, 'hex'));
}

/** Constant-time equality of two strings of any length (hashing first evens out the lengths). */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Parses a Meta body without losing ids: integer literals too large for a JS
 * number (Graph ids reach 17 digits; older payloads send them unquoted) are
 * turned into strings first. Everything else parses as `JSON.parse` would.
 */
export function parseMetaJson(text: string): unknown {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end]!)) end++;
      const literal = text.slice(i, end);
      if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(from, i)}"${literal}"`;
        from = end;
      }
      i = end - 1;
    }
  }
  return JSON.parse(out + text.slice(from));
}

export type Json = Record<string, unknown>;
export { isObject, isoTime };

export function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A platform id as a string. Numbers are accepted only while they are exact
 * (a larger one has already lost digits: better no id than someone else's).
 */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the HTML entities platforms leave in user text (`&amp;`, `&#39;`, `&#x1F600;`). */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,6});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

export function emptyNormalized(): Normalized {
  return { messages: [], changes: [], deliveries: [], ignored: [] };
}

/** Drops a message whose platform id came earlier in the same batch (Meta batches duplicates). */
export function dropBatchDuplicates(result: Normalized): Normalized {
  const seen = new Set<string>();
  const messages = result.messages.filter((message) => {
    const key = `${message.channel}\u0000${message.account}\u0000${message.platformMessageId}`;
    if (seen.has(key)) {
      result.ignored.push(`${message.channel} ${message.platformMessageId}: a duplicate of an earlier item in the same batch`);
      return false;
    }
    seen.add(key);
    return true;
  });
  return { ...result, messages };
}
