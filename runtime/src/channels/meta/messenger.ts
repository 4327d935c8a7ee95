import type { Attachment, InboundMessage } from '../../../../schemas/message.ts';
import type { Account } from '../../../../schemas/resources/index.ts';
import type { Normalized } from '../types.ts';
import { idOf, isObject, isoTime, objects, text, type Json } from './common.ts';

const ATTACHMENT_TYPES: Record<string, Attachment['type']> = { image: 'image', video: 'video', audio: 'audio', file: 'file', location: 'location', fallback: 'link' };

/** Events that tell us about our own sends or the conversation, not something a customer said. */
const QUIET_EVENTS = ['read', 'delivery', 'optin', 'referral', 'account_linking', 'pass_thread_control', 'take_thread_control', 'request_thread_control', 'app_roles', 'policy_enforcement'];

/**
 * One `entry[].messaging[]` event of a Page webhook: a customer's Messenger
 * message (text, stickers, images), a reaction, an unsend or an edit. Echoes
 * of what the Page sent are ignored: the bot must not answer itself.
 */
export function normalizeMessagingEvent(event: Json, pageId: string, account: Account, out: Normalized): void {
  const senderId = idOf(isObject(event.sender) ? event.sender.id : undefined);
  const at = isoTime(event.timestamp);
  const base = { channel: 'messenger', visibility: 'private', account: account.id } as const;

  if (isObject(event.message)) {
    const message = event.message;
    const mid = idOf(message.mid);
    const label = `messenger message ${mid ?? '(no mid)'}`;
    if (message.is_echo === true) return void out.ignored.push(`${label}: an echo of what page ${pageId} sent`);
    if (senderId === pageId) return void out.ignored.push(`${label}: sent by our own page ${pageId}`);
    if (!mid) return void out.ignored.push(`${label}: no message id`);
    if (message.is_deleted === true) {
      out.changes.push({ kind: 'deleted', channel: 'messenger', account: account.id, platformMessageId: mid, at: at ?? new Date().toISOString() });
      return;
    }
    if (!senderId) return void out.ignored.push(`${label}: no sender PSID`);
    const attachments = messageAttachments(message);
    const body = text(message.text) ?? '';
    if (body === '' && attachments.length === 0) return void out.ignored.push(`${label}: neither text nor attachments (unsupported content)`);
    const normalized: InboundMessage = {
      ...base,
      kind: 'message',
      author: { id: senderId },
      text: body,
      replyTarget: { kind: 'message', id: mid },
      threadId: `${pageId}:${senderId}`,
      platformMessageId: mid,
      ...(at && { receivedAt: at }),
    };
    if (attachments.length > 0) normalized.attachments = attachments;
    out.messages.push(normalized);
    return;
  }

  if (isObject(event.message_edit)) {
    const mid = idOf(event.message_edit.mid);
    if (!mid) return void out.ignored.push('messenger message_edit: no message id');
    const edited = text(event.message_edit.text);
    out.changes.push({ kind: 'edited', channel: 'messenger', account: account.id, platformMessageId: mid, ...(edited !== undefined && { text: edited }), at: at ?? new Date().toISOString() });
    return;
  }

  if (isObject(event.reaction)) {
    const reaction = event.reaction;
    const mid = idOf(reaction.mid);
    const label = `messenger reaction to ${mid ?? '(no mid)'}`;
    if (senderId === pageId) return void out.ignored.push(`${label}: by our own page ${pageId}`);
    if (text(reaction.action) !== 'react') return void out.ignored.push(`${label}: "${text(reaction.action) ?? 'unknown'}" starts nothing`);
    if (!mid || !senderId) return void out.ignored.push(`${label}: no ${mid ? 'sender PSID' : 'message id'}`);
    const name = text(reaction.reaction);
    out.messages.push({
      ...base,
      kind: 'reaction',
      author: { id: senderId },
      text: '',
      attachments: [{ type: 'reaction', emoji: text(reaction.emoji) ?? name ?? 'like', ...(name && { caption: name }) }],
      replyTarget: { kind: 'message', id: mid },
      threadId: `${pageId}:${senderId}`,
      // A reaction has no id of its own: who reacted to which message, when.
      platformMessageId: `${mid}#reaction:${senderId}:${String(event.timestamp ?? '')}`,
      ...(at && { receivedAt: at }),
    });
    return;
  }

  if (isObject(event.postback)) {
    const postback = event.postback;
    const title = text(postback.title) ?? text(postback.payload) ?? '';
    const id = idOf(postback.mid) ?? (senderId && event.timestamp !== undefined ? `postback:${senderId}:${String(event.timestamp)}` : undefined);
    if (!senderId || !id || title === '') return void out.ignored.push('messenger postback: no sender, id or title');
    out.messages.push({
      ...base,
      kind: 'message',
      author: { id: senderId },
      text: title,
      replyTarget: { kind: 'message', id },
      threadId: `${pageId}:${senderId}`,
      platformMessageId: id,
      ...(at && { receivedAt: at }),
    });
    return;
  }

  const kind = QUIET_EVENTS.find((name) => name in event) ?? Object.keys(event).find((key) => !['sender', 'recipient', 'timestamp'].includes(key)) ?? '(empty)';
  out.ignored.push(`messenger "${kind}" event on page ${pageId} starts nothing`);
}

function messageAttachments(message: Json): Attachment[] {
  return objects(message.attachments).flatMap((attachment): Attachment[] => {
    const payload = isObject(attachment.payload) ? attachment.payload : {};
    const url = text(payload.url);
    const stickerId = idOf(payload.sticker_id) ?? (text(attachment.type) === 'image' ? idOf(message.sticker_id) : undefined);
    if (stickerId) return [{ type: 'sticker', id: stickerId, ...(url && { url }) }];
    const type = ATTACHMENT_TYPES[text(attachment.type) ?? ''];
    if (!type) return [];
    if (type === 'location' && isObject(payload.coordinates)) {
      return [{ type, caption: `${String(payload.coordinates.lat)},${String(payload.coordinates.long)}` }];
    }
    return [{ type, ...(url && { url }), ...(text(attachment.title) && { caption: text(attachment.title) }) }];
  });
}
