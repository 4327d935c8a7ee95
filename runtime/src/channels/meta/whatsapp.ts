import type { Attachment, Channel, InboundMessage } from '../../../../schemas/message.ts';
import type { Account } from '../../../../schemas/resources/index.ts';
import type { AccountDirectory, Normalized, WebhookAdapter } from '../types.ts';
import { dropBatchDuplicates, emptyNormalized, idOf, isObject, isoTime, metaHandshake, metaSignatureValid, objects, text, type Json, parseMetaJson } from './common.ts';

const CHANNELS: readonly Channel[] = ['whatsapp'];

const MEDIA_TYPES: Record<string, Attachment['type']> = { image: 'image', sticker: 'sticker', video: 'video', audio: 'audio', voice: 'audio', document: 'file' };

/**
 * `/webhooks/whatsapp` (`object: whatsapp_business_account`): customers'
 * messages to our phone numbers, and the delivery reports (`statuses[]`) of
 * what we sent, which update the outbox instead of starting a flow.
 */
export const whatsappWebhook: WebhookAdapter = {
  path: 'whatsapp',
  channels: CHANNELS,
  handshake: (request, accounts) => metaHandshake(request, accounts, CHANNELS),
  verify: (request, accounts) => metaSignatureValid(request, accounts, CHANNELS),
  // Graph ids can be 17 digits, and older payloads send them unquoted.
  parse: (raw) => parseMetaJson(raw.toString('utf8')),
  normalize: normalizeWhatsApp,
};

function normalizeWhatsApp(payload: unknown, accounts: AccountDirectory): Normalized {
  const out = emptyNormalized();
  if (!isObject(payload)) return { ...out, ignored: ['whatsapp: the body is not a JSON object'] };
  if (payload.object !== 'whatsapp_business_account') {
    return { ...out, ignored: [`whatsapp: object "${text(payload.object) ?? String(payload.object)}" is not a WhatsApp Business Account webhook`] };
  }
  const entries = objects(payload.entry);
  if (entries.length === 0) out.ignored.push('whatsapp: no entries (a connection check?)');
  for (const entry of entries) {
    for (const change of objects(entry.changes)) {
      const field = text(change.field) ?? '(none)';
      if (field !== 'messages') {
        out.ignored.push(`whatsapp "${field}" change on business account ${idOf(entry.id) ?? '?'} is not handled`);
        continue;
      }
      normalizeValue(isObject(change.value) ? change.value : {}, accounts, out);
    }
  }
  return dropBatchDuplicates(out);
}

function normalizeValue(value: Json, accounts: AccountDirectory, out: Normalized): void {
  // Delivery reports are found by the message id we got when sending, whichever number sent it
  // (Meta may even redact the number), so they need no account; an id that is not ours changes nothing.
  for (const status of objects(value.statuses)) {
    const id = idOf(status.id);
    const state = text(status.status);
    if (!id || !state) {
      out.ignored.push('whatsapp status without a message id or status');
      continue;
    }
    const error = objects(status.errors)[0];
    const title = error && (text(error.title) ?? text(error.message));
    out.deliveries.push({
      channel: 'whatsapp',
      platformResultId: id,
      status: state,
      ...(error && { error: `${title ?? 'error'}${error.code !== undefined ? ` (${String(error.code)})` : ''}` }),
    });
  }

  const messages = objects(value.messages);
  if (messages.length === 0) return;
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const phoneNumberId = idOf(metadata.phone_number_id);
  const account = phoneNumberId ? accounts.find('whatsapp', phoneNumberId) : undefined;
  if (!account) {
    out.ignored.push(`whatsapp number ${phoneNumberId ?? '(none)'}: no whatsapp account has this phone-number id (${messages.length} message(s))`);
    return;
  }
  const contacts = objects(value.contacts);
  for (const message of messages) normalizeMessage(message, contacts, phoneNumberId!, account, out);
}

function normalizeMessage(message: Json, contacts: Json[], phoneNumberId: string, account: Account, out: Normalized): void {
  const id = idOf(message.id);
  const waId = idOf(message.from);
  // Users with a WhatsApp username may have no phone number: a business-scoped user id instead.
  const userId = idOf(message.from_user_id);
  const authorId = waId ?? userId;
  const type = text(message.type) ?? '(none)';
  const label = `whatsapp ${type} ${id ?? '(no id)'}`;
  if (!id || !authorId) return void out.ignored.push(`${label}: no ${id ? 'sender' : 'message id'}`);

  const contact =
    contacts.find((candidate) => (waId !== undefined && idOf(candidate.wa_id) === waId) || (userId !== undefined && idOf(candidate.user_id) === userId)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const profile = contact && isObject(contact.profile) ? contact.profile : {};
  const name = text(profile.name);
  const username = text(profile.username);

  const content = messageContent(message, type);
  if (typeof content === 'string') return void out.ignored.push(`${label}: ${content}`);
  const at = isoTime(message.timestamp);
  const normalized: InboundMessage = {
    channel: 'whatsapp',
    visibility: 'private',
    kind: type === 'reaction' ? 'reaction' : 'message',
    account: account.id,
    author: { id: authorId, ...(waId && { phone: `+${waId}` }), ...(name && { name }), ...(username && { handle: username }) },
    text: content.text,
    replyTarget: { kind: 'message', id },
    threadId: `${phoneNumberId}:${authorId}`,
    platformMessageId: id,
    ...(at && { receivedAt: at }),
  };
  if (content.attachments.length > 0) normalized.attachments = content.attachments;
  out.messages.push(normalized);
}

/** The text and attachments of one message, or why it starts nothing. */
function messageContent(message: Json, type: string): { text: string; attachments: Attachment[] } | string {
  const body = isObject(message[type]) ? (message[type] as Json) : {};
  switch (type) {
    case 'text':
      return { text: text(body.body) ?? '', attachments: [] };
    case 'reaction': {
      const emoji = text(body.emoji);
      if (!emoji) return 'a reaction was removed';
      return { text: '', attachments: [{ type: 'reaction', emoji }] };
    }
    case 'location': {
      const place = [text(body.name), text(body.address)].filter(Boolean).join(', ');
      return { text: '', attachments: [{ type: 'location', caption: `${String(body.latitude)},${String(body.longitude)}${place ? ` ${place}` : ''}` }] };
    }
    case 'button':
      return { text: text(body.text) ?? text(body.payload) ?? '', attachments: [] };
    case 'interactive': {
      const reply = [body.button_reply, body.list_reply].find(isObject);
      return reply ? { text: text(reply.title) ?? '', attachments: [] } : 'an interactive reply of an unknown kind';
    }
  }
  const media = MEDIA_TYPES[type];
  if (!media) return `message type "${type}" is not handled`;
  const caption = text(body.caption);
  const attachment: Attachment = { type: media };
  const mediaId = idOf(body.id);
  if (mediaId) attachment.id = mediaId;
  if (text(body.mime_type)) attachment.mimeType = text(body.mime_type);
  if (caption) attachment.caption = caption;
  return { text: caption ?? '', attachments: [attachment] };
}
