import type { Channel, InboundMessage } from '../../../schemas/message.ts';
import type { Account } from '../../../schemas/resources/index.ts';
import type { MessageChange } from '../store/types.ts';

/** A delivery report for something we sent (WhatsApp statuses), found by the id the platform gave it. */
export interface DeliveryReport {
  channel: Channel;
  platformResultId: string;
  status: string;
  error?: string;
}

/** Everything one webhook request carried, every item of the batch. */
export interface Normalized {
  messages: InboundMessage[];
  changes: MessageChange[];
  deliveries: DeliveryReport[];
  /** Items that start nothing, with why: echoes of our own sends, our own posts, unknown event types. */
  ignored: string[];
}

/** Our accounts as a webhook sees them: found by the platform's id for them. */
export interface AccountDirectory {
  find(channel: Channel, platformId: string): Account | undefined;
  /** Every account of these channels (to collect the secrets a signature may be made with). */
  of(channels: readonly Channel[]): Account[];
  /** The value of a secret an account names (the environment variable it points at). */
  secret(account: Account, name: string): string | undefined;
}

export interface WebhookRequest {
  url: URL;
  headers: Headers;
  /** The exact bytes received: signatures are computed over them, never over re-serialized JSON. */
  raw: Buffer;
}

export type HandshakeAnswer = { status: number; body: string; contentType: string };

/**
 * One platform's webhook: the verification handshake, the signature check
 * over the raw bytes, and the normalization of every item of a batch.
 */
export interface WebhookAdapter {
  /** The path under /webhooks/ (`facebook` serves the Page feed and Messenger). */
  path: string;
  channels: readonly Channel[];
  /** GET: the platform's verification handshake (Meta hub.challenge, Twitter CRC). */
  handshake?(request: WebhookRequest, accounts: AccountDirectory): HandshakeAnswer;
  /** POST: true when the signature header is valid for one of the accounts' secrets. */
  verify(request: WebhookRequest, accounts: AccountDirectory): boolean;
  /** Reads the body when plain JSON.parse would lose something (ids above 2^53 sent as numbers); throws on malformed JSON. */
  parse?(raw: Buffer): unknown;
  normalize(payload: unknown, accounts: AccountDirectory): Normalized;
}
