import { defineBlock } from '../block.ts';
import type { FromSchema } from 'json-schema-to-ts';

/** Where the action exists; on any other channel, or on a private message, the block takes `failed`. */
export const LIKE_CHANNELS = ['twitter', 'facebook'] as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retryForSeconds: { type: 'integer', minimum: 0, maximum: 86400, default: 300, description: 'keep retrying a failed attempt this long' },
  },
} as const;

export type LikeConfig = FromSchema<typeof configSchema>;

export const like = defineBlock({
  type: 'like',
  version: 1,
  label: 'Like',
  category: 'Actions',
  icon: '👍',
  description: 'Likes the inbound tweet or Facebook post or comment. Public items only.',
  configSchema,
  defaultConfig: { retryForSeconds: 300 },
  ports: [
    { id: 'done', label: 'Done' },
    { id: 'failed', label: 'Failed' },
  ],
  waits: true,
  summary: (config) => `retry for ${config.retryForSeconds ?? 300} s`,
});
