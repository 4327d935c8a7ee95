import type { Attachment, InboundMessage } from '../../../../schemas/message.ts';
import type { Account } from '../../../../schemas/resources/index.ts';
import type { Normalized } from '../types.ts';
import { decodeEntities, idOf, isObject, isoTime, text, type Json } from './common.ts';

/** Facebook's reaction names as the emoji people see. */
const REACTION_EMOJI: Record<string, string> = {
  like: '👍', love: '❤️', care: '🤗', haha: '😆', wow: '😮', sad: '😢', angry: '😠', thankful: '🌸', pride: '🏳️‍🌈',
};

/** Feed items that are something a person wrote (a post of some form, or a comment). */
const POST_ITEMS = new Set(['post', 'status', 'photo', 'video', 'share', 'link']);

/**
 * One `entry[].changes[]` item of a Page webhook (`field: feed`): customers'
 * posts, comments and replies, reactions, edits and removals, on the Page
 * `account`. Our own Page's activity arrives too and is ignored, or an
 * auto-reply would answer itself.
 */
export function normalizeFeedChange(change: Json, pageId: string, account: Account, entryTime: unknown, out: Normalized): void {
  const field = text(change.field) ?? '(none)';
  if (field !== 'feed') return void out.ignored.push(`facebook page ${pageId}: "${field}" changes are not handled`);
  const value = isObject(change.value) ? change.value : {};
  const item = text(value.item) ?? '(none)';
  const verb = text(value.verb) ?? '(none)';
  const postId = idOf(value.post_id);
  const commentId = idOf(value.comment_id);
  const parentId = idOf(value.parent_id);
  const authorId = idOf(isObject(value.from) ? value.from.id : undefined) ?? idOf(value.sender_id);
  const authorName = text(isObject(value.from) ? value.from.name : undefined) ?? text(value.sender_name);
  const objectId = item === 'comment' ? commentId : postId;
  const label = `facebook ${item} ${verb}${objectId ? ` ${objectId}` : ''}`;
  const at = isoTime(value.created_time) ?? isoTime(entryTime);

  if (authorId === pageId) return void out.ignored.push(`${label}: by our own page ${pageId}`);
  if (item !== 'reaction' && item !== 'like' && item !== 'comment' && !POST_ITEMS.has(item)) {
    return void out.ignored.push(`${label}: feed item "${item}" is not handled`);
  }
  if (!objectId && item !== 'reaction' && item !== 'like') return void out.ignored.push(`${label}: no ${item === 'comment' ? 'comment_id' : 'post_id'}`);

  if (item === 'reaction' || item === 'like') {
    if (verb !== 'add') return void out.ignored.push(`${label}: a reaction "${verb}" starts nothing`);
    const target = commentId ?? postId;
    if (!target || !authorId) return void out.ignored.push(`${label}: no ${target ? 'author' : 'post or comment'} id`);
    const reaction = text(value.reaction_type) ?? 'like';
    out.messages.push({
      channel: 'facebook',
      visibility: 'public',
      kind: 'reaction',
      account: account.id,
      author: { id: authorId, ...(authorName && { name: authorName }) },
      text: '',
      attachments: [{ type: 'reaction', emoji: REACTION_EMOJI[reaction] ?? reaction, caption: reaction }],
      replyTarget: { kind: commentId ? 'comment' : 'post', id: target },
      ...(postId && { threadId: postId }),
      // A reaction has no id of its own: who reacted to what, when, is stable across redeliveries.
      platformMessageId: `${target}#reaction:${authorId}:${String(value.created_time ?? entryTime ?? '')}`,
      ...(at && { receivedAt: at }),
    });
    return;
  }

  const newText = typeof value.message === 'string' ? decodeEntities(value.message) : undefined;
  if (verb === 'edited' || verb === 'edit') {
    out.changes.push({ kind: 'edited', channel: 'facebook', account: account.id, platformMessageId: objectId!, ...(newText !== undefined && { text: newText }), at: at ?? new Date().toISOString() });
    return;
  }
  if (verb === 'remove') {
    out.changes.push({ kind: 'deleted', channel: 'facebook', account: account.id, platformMessageId: objectId!, at: isoTime(entryTime) ?? new Date().toISOString() });
    return;
  }
  if (verb !== 'add') return void out.ignored.push(`${label}: verb "${verb}" starts nothing`);
  if (!authorId) return void out.ignored.push(`${label}: no author id`);

  const isComment = item === 'comment';
  const isReply = isComment && parentId !== undefined && parentId !== postId;
  const message: InboundMessage = {
    channel: 'facebook',
    visibility: 'public',
    kind: isReply ? 'reply' : isComment ? 'comment' : 'post',
    account: account.id,
    author: { id: authorId, ...(authorName && { name: authorName }) },
    text: newText ?? '',
    // Facebook threads two levels deep: an answer to a reply goes under the comment it replied to.
    replyTarget: isReply ? { kind: 'comment', id: parentId! } : { kind: isComment ? 'comment' : 'post', id: objectId! },
    ...(postId && { threadId: postId }),
    platformMessageId: objectId!,
    ...(at && { receivedAt: at }),
  };
  const attachments = feedAttachments(value);
  if (attachments.length > 0) message.attachments = attachments;
  out.messages.push(message);
}

function feedAttachments(value: Json): Attachment[] {
  const found: Attachment[] = [];
  const photos = [value.photo, ...(Array.isArray(value.photos) ? value.photos : [])];
  for (const url of photos) if (typeof url === 'string' && url) found.push({ type: 'image', url });
  if (typeof value.video === 'string' && value.video) found.push({ type: 'video', url: value.video });
  if (typeof value.link === 'string' && value.link && value.link !== value.photo) found.push({ type: 'link', url: value.link });
  return found;
}
