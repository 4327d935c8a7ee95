import { defineBlock } from '../block.ts';
import { engagementConfigSchema, engagementPorts, engagementSummary } from './engagement.ts';

/** Where the action exists; on any other channel, or on a private message, the block takes `failed`. */
export const RETWEET_CHANNELS = ['twitter'] as const;

export const retweet = defineBlock({
  type: 'retweet',
  version: 1,
  label: 'Retweet',
  category: 'Actions',
  icon: '🔁',
  description: 'Retweets the inbound tweet. Public tweets only.',
  configSchema: engagementConfigSchema,
  defaultConfig: { retryForSeconds: 300 },
  ports: engagementPorts,
  waits: true,
  summary: engagementSummary,
});
