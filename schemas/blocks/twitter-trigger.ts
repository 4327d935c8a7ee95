import { defineBlock } from '../block.ts';
import { choiceSet, keywordFilterField } from './trigger-fields.ts';

export const TWITTER_EVENTS = ['mention', 'reply', 'dm'] as const;
const EVENT_LABELS = { mention: 'Mention', reply: 'Reply', dm: 'Direct message' } as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    events: choiceSet(TWITTER_EVENTS, 'which kinds of tweet start the flow; all three when left out'),
    keywords: keywordFilterField,
  },
} as const;

export const twitterTrigger = defineBlock({
  type: 'twitter-trigger',
  version: 1,
  label: 'Twitter trigger',
  category: 'Triggers',
  icon: '🐦',
  description: 'Starts the flow for mentions, replies and direct messages to a Twitter account, optionally only those containing keywords.',
  configSchema,
  defaultConfig: { events: ['mention', 'reply', 'dm'] },
  trigger: { channels: ['twitter'] },
  ports: [
    ...TWITTER_EVENTS.map((event) => ({ id: event, label: EVENT_LABELS[event] })),
    { id: 'filtered', label: 'Filtered out', optional: true },
  ],
  // Only the enabled events get a port, so a flow need not wire events it ignores.
  portsFor: (config) => [
    ...(config.events ?? TWITTER_EVENTS).map((event) => ({ id: event, label: EVENT_LABELS[event] })),
    { id: 'filtered', label: 'Filtered out', optional: true },
  ],
  summary: (config) => {
    const events = (config.events ?? TWITTER_EVENTS).map((event) => EVENT_LABELS[event].toLowerCase()).join(', ');
    return config.keywords?.length ? `${events} · ${config.keywords.join(', ')}` : events;
  },
});
