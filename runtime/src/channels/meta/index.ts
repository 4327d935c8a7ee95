import type { Channel } from '../../../../schemas/message.ts';
import type { Account } from '../../../../schemas/resources/index.ts';
import type { AccountDirectory, Normalized } from '../types.ts';
import { parseMetaJson } from './common.ts';
import { facebookWebhook } from './facebook.ts';
import { whatsappWebhook } from './whatsapp.ts';

export { facebookWebhook } from './facebook.ts';
export { whatsappWebhook } from './whatsapp.ts';
export { metaHandshake, metaSignatureValid, parseMetaJson } from './common.ts';
export { createMetaSenders, lastInboundFromStore, type MetaSenderOptions } from './senders.ts';

export type MetaChannel = 'facebook' | 'messenger' | 'whatsapp';

/**
 * What Switchyard makes of one Meta payload (for `switchyard normalize`):
 * the adapter's normalization, kept to the channel asked for (the Page
 * webhook carries both the feed and Messenger). `payload` is parsed JSON, or
 * the raw text, parsed without losing large numeric ids.
 */
export function normalizeMeta(channel: MetaChannel, payload: unknown, accounts: AccountDirectory = standInAccounts()): Normalized {
  const adapter = channel === 'whatsapp' ? whatsappWebhook : facebookWebhook;
  const parsed = typeof payload === 'string' || Buffer.isBuffer(payload) ? parseMetaJson(payload.toString()) : payload;
  const normalized = adapter.normalize(parsed, accounts);
  if (channel === 'whatsapp') return normalized;
  return {
    ...normalized,
    messages: normalized.messages.filter((message) => message.channel === channel),
    changes: normalized.changes.filter((change) => change.channel === channel),
  };
}

/**
 * An account directory that knows every page and number: the accounts of
 * `known` where they match, else a stand-in account `<channel>-<platformId>`
 * (so a payload for a page nobody configured still shows what it holds).
 */
export function standInAccounts(known?: AccountDirectory): AccountDirectory {
  return {
    find: (channel: Channel, platformId: string): Account =>
      known?.find(channel, platformId) ?? { kind: 'account', id: `${channel}-${platformId}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-').slice(0, 64), name: `${channel} ${platformId}`, channel, platformId },
    of: (channels) => known?.of(channels) ?? [],
    secret: (account, name) => known?.secret(account, name),
  };
}
