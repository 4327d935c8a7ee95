import type { FromSchema } from 'json-schema-to-ts';

/** Channels Switchyard speaks. `messenger` is Facebook's private channel; a Twitter DM is `twitter` + private. */
export const CHANNELS = ['twitter', 'facebook', 'messenger', 'whatsapp', 'line'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What kind of item arrived; trigger blocks branch on it. */
export const MESSAGE_KINDS = ['mention', 'reply', 'post', 'comment', 'dm', 'message', 'reaction'] as const;

export const attachmentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { enum: ['image', 'video', 'audio', 'file', 'sticker', 'reaction', 'location', 'link'] },
    url: { type: 'string', maxLength: 2048 },
    id: { type: 'string', maxLength: 256 },
    mimeType: { type: 'string', maxLength: 128 },
    emoji: { type: 'string', maxLength: 64 },
    caption: { type: 'string', maxLength: 4096 },
  },
} as const;

/**
 * The normalized inbound message: what every channel adapter produces and what
 * `POST /api/messages` accepts. Platform ids are strings, never numbers.
 */
export const messageSchema = {
  $id: 'switchyard:message',
  title: 'Normalized inbound message',
  type: 'object',
  additionalProperties: false,
  required: ['channel', 'visibility', 'kind', 'account', 'author', 'text', 'platformMessageId'],
  properties: {
    channel: { enum: CHANNELS },
    visibility: { enum: ['public', 'private'] },
    kind: { enum: MESSAGE_KINDS },
    account: { type: 'string', minLength: 1, maxLength: 128, description: 'id of our channel account resource it came to' },
    author: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 256, description: 'platform user id: Twitter id, PSID, wa_id, LINE userId' },
        handle: { type: 'string', maxLength: 256 },
        name: { type: 'string', maxLength: 256 },
        email: { type: 'string', maxLength: 256 },
        phone: { type: 'string', maxLength: 64 },
      },
    },
    text: { type: 'string', maxLength: 20000 },
    attachments: { type: 'array', maxItems: 50, items: attachmentSchema },
    replyTarget: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'id'],
      properties: {
        kind: { enum: ['tweet', 'comment', 'post', 'message', 'reply-token', 'thread'] },
        id: { type: 'string', minLength: 1, maxLength: 512 },
        expiresAt: { type: 'string', format: 'date-time' },
      },
    },
    threadId: { type: 'string', maxLength: 512 },
    platformMessageId: { type: 'string', minLength: 1, maxLength: 512 },
    receivedAt: { type: 'string', format: 'date-time' },
    language: { type: 'string', maxLength: 16 },
  },
} as const;

export type InboundMessage = FromSchema<typeof messageSchema, { keepDefaultedPropertiesOptional: true }>;
export type Attachment = FromSchema<typeof attachmentSchema, { keepDefaultedPropertiesOptional: true }>;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
