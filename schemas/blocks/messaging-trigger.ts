import { defineBlock } from '../block.ts';
import { choiceSet, keywordFilterField } from './trigger-fields.ts';

export const MESSAGING_CHANNELS = ['whatsapp', 'line', 'messenger', 'twitter'] as const;
export const MESSAGING_CHANNEL_LABELS = { whatsapp: 'WhatsApp', line: 'LINE', messenger: 'Messenger', twitter: 'Twitter DM' } as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    channels: choiceSet(MESSAGING_CHANNELS, 'which private channels start the flow; all four when left out'),
    keywords: keywordFilterField,
  },
} as const;

export const messagingTrigger = defineBlock({
  type: 'messaging-trigger',
  version: 1,
  label: 'Messaging trigger',
  category: 'Triggers',
  icon: '💬',
  description: 'Starts the flow for private messages on WhatsApp, LINE, Messenger and Twitter DMs, optionally only those containing keywords.',
  configSchema,
  defaultConfig: { channels: ['whatsapp', 'line', 'messenger', 'twitter'] },
  trigger: { channels: MESSAGING_CHANNELS, visibility: 'private' },
  ports: [
    { id: 'out', label: 'Message' },
    { id: 'filtered', label: 'Filtered out', optional: true },
  ],
  summary: (config) => {
    const channels = (config.channels ?? MESSAGING_CHANNELS).map((channel) => MESSAGING_CHANNEL_LABELS[channel]).join(', ');
    return config.keywords?.length ? `${channels} · ${config.keywords.join(', ')}` : channels;
  },
});
