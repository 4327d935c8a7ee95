import { defineBlock } from '../block.ts';
import { engagementConfigSchema, engagementPorts, engagementSummary } from './engagement.ts';

/** Where the action exists; on any other channel, or on a private message, the block takes `failed`. */
export const FAVORITE_CHANNELS = ['twitter'] as const;

export const favorite = defineBlock({
  type: 'favorite',
  version: 1,
  label: 'Favorite',
  category: 'Actions',
  icon: '⭐',
  description: 'Marks the inbound tweet as a favorite. Public tweets only.',
  configSchema: engagementConfigSchema,
  defaultConfig: { retryForSeconds: 300 },
  ports: engagementPorts,
  waits: true,
  summary: engagementSummary,
});
