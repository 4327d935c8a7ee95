import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of the raw bytes, compared in constant time with what the header claims. */
export function hmacMatches(raw: Buffer, secret: string, claimed: string, encoding: 'hex' | 'base64'): boolean {
  const expected = createHmac('sha256', secret).update(raw).digest();
  let given: Buffer;
  try {
    given = Buffer.from(claimed, encoding);
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The distinct, set values of one secret over a list of accounts. */
export function secretsOf<A>(accounts: A[], read: (account: A) => string | undefined): string[] {
  return [...new Set(accounts.map(read).filter((value): value is string => typeof value === 'string' && value.length > 0))];
}
