import { defineBlock } from '../block.ts';
import type { FromSchema } from 'json-schema-to-ts';

/** Where the action exists; on any other channel, or on a private message, the block takes `failed`. */
export const FAVORITE_CHANNELS = ['twitter'] as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retryForSeconds: { type: 'integer', minimum: 0, maximum: 86400, default: 300, description: 'keep retrying a failed attempt this long' },
  },
} as const;

export type FavoriteConfig = FromSchema<typeof configSchema>;

export const favorite = defineBlock({
  type: 'favorite',
  version: 1,
  label: 'Favorite',
  category: 'Actions',
  icon: '⭐',
  description: 'Marks the inbound tweet as a favorite. Public tweets only.',
  configSchema,
  defaultConfig: { retryForSeconds: 300 },
  ports: [
    { id: 'done', label: 'Done' },
    { id: 'failed', label: 'Failed' },
  ],
  waits: true,
  summary: (config) => `retry for ${config.retryForSeconds ?? 300} s`,
});
