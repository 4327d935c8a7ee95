import { defineBlock } from '../block.ts';
import { engagementConfigSchema, engagementPorts, engagementSummary } from './engagement.ts';

/** Where the action exists; on any other channel, or on a private message, the block takes `failed`. */
export const LIKE_CHANNELS = ['twitter', 'facebook'] as const;

export const like = defineBlock({
  type: 'like',
  version: 1,
  label: 'Like',
  category: 'Actions',
  icon: '👍',
  description: 'Likes the inbound tweet or Facebook post or comment. Public items only.',
  configSchema: engagementConfigSchema,
  defaultConfig: { retryForSeconds: 300 },
  ports: engagementPorts,
  waits: true,
  summary: engagementSummary,
});
