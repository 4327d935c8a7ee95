import type { Channel } from '../../../../schemas/message.ts';
import type { AccountDirectory, Normalized, WebhookAdapter } from '../types.ts';
import { dropBatchDuplicates, emptyNormalized, idOf, isObject, metaHandshake, metaSignatureValid, objects, text, parseMetaJson } from './common.ts';
import { normalizeFeedChange } from './feed.ts';
import { normalizeMessagingEvent } from './messenger.ts';

const CHANNELS: readonly Channel[] = ['facebook', 'messenger'];

/**
 * `/webhooks/facebook`: one Meta app subscription (`object: page`) carries
 * both the Page feed (`entry[].changes[]`, channel facebook) and Messenger
 * (`entry[].messaging[]`, channel messenger). Every entry, every item.
 */
export const facebookWebhook: WebhookAdapter = {
  path: 'facebook',
  channels: CHANNELS,
  handshake: (request, accounts) => metaHandshake(request, accounts, CHANNELS),
  verify: (request, accounts) => metaSignatureValid(request, accounts, CHANNELS),
  // Graph ids can be 17 digits, and older payloads send them unquoted.
  parse: (raw) => parseMetaJson(raw.toString('utf8')),
  normalize: normalizePage,
};

function normalizePage(payload: unknown, accounts: AccountDirectory): Normalized {
  const out = emptyNormalized();
  if (!isObject(payload)) return { ...out, ignored: ['facebook: the body is not a JSON object'] };
  if (payload.object !== 'page') return { ...out, ignored: [`facebook: object "${text(payload.object) ?? String(payload.object)}" is not a page webhook`] };
  const entries = objects(payload.entry);
  if (entries.length === 0) out.ignored.push('facebook: no entries (a connection check?)');

  for (const entry of entries) {
    const pageId = idOf(entry.id);
    if (!pageId) {
      out.ignored.push('facebook: an entry without a usable page id');
      continue;
    }
    const changes = objects(entry.changes);
    if (changes.length > 0) {
      const account = accounts.find('facebook', pageId);
      if (!account) out.ignored.push(`facebook page ${pageId}: no facebook account has this page id (${changes.length} change(s))`);
      else for (const change of changes) normalizeFeedChange(change, pageId, account, entry.time, out);
    }
    const messaging = objects(entry.messaging);
    if (messaging.length > 0) {
      const account = accounts.find('messenger', pageId);
      if (!account) out.ignored.push(`messenger page ${pageId}: no messenger account has this page id (${messaging.length} event(s))`);
      else for (const event of messaging) normalizeMessagingEvent(event, pageId, account, out);
    }
    const standby = objects(entry.standby);
    if (standby.length > 0) out.ignored.push(`messenger page ${pageId}: ${standby.length} standby event(s): another app owns the conversation`);
    if (changes.length + messaging.length + standby.length === 0) out.ignored.push(`facebook page ${pageId}: an entry with no changes or messaging`);
  }
  return dropBatchDuplicates(out);
}
