import { defineBlock } from '../block.ts';
import type { Channel } from '../message.ts';
import { resourceId } from '../resources/common.ts';

/** Channels with no public side: a public reply there cannot be sent. */
export const PRIVATE_ONLY_CHANNELS: readonly Channel[] = ['messenger', 'whatsapp', 'line'];

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    text: { type: 'string', minLength: 1, maxLength: 10000, description: 'Liquid template; used instead of the standard response when both are set' },
    response: { ...resourceId, description: 'id of a standard response whose text is sent' },
    visibility: {
      enum: ['public', 'private', 'same'],
      default: 'same',
      description: 'reply in public, privately (DM, private reply), or the way the message came in',
    },
    retryForSeconds: { type: 'integer', minimum: 0, maximum: 86400, default: 300, description: 'keep retrying a failed send this long' },
  },
  anyOf: [{ required: ['text'] }, { required: ['response'] }],
} as const;


export const autoReply = defineBlock({
  type: 'auto-reply',
  version: 1,
  label: 'Auto reply',
  category: 'Actions',
  icon: '💬',
  description: 'Replies to the message with a text or a standard response (Liquid templates), publicly, privately or the way it came in.',
  configSchema,
  defaultConfig: { text: 'Thanks {{ message.author.name }}, we are looking into it.', visibility: 'same', retryForSeconds: 300 },
  ports: [
    { id: 'sent', label: 'Sent' },
    { id: 'failed', label: 'Failed' },
  ],
  waits: true,
  references: (config) => (config.response ? [{ kind: 'response', id: config.response, pointer: '/response' }] : []),
  templates: (config) => (config.text === undefined ? [] : [{ text: config.text, pointer: '/text' }]),
  summary: (config) => {
    const what = config.text === undefined ? `response "${config.response}"` : `"${config.text.length > 40 ? `${config.text.slice(0, 39)}…` : config.text}"`;
    return `${config.visibility ?? 'same'} reply: ${what}`;
  },
});
