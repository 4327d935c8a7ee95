import { defineBlock } from '../block.ts';

export const TWITTER_EVENTS = ['mention', 'reply', 'dm'] as const;
const EVENT_LABELS = { mention: 'Mention', reply: 'Reply', dm: 'Direct message' } as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    events: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: TWITTER_EVENTS },
      description: 'which kinds of tweet start the flow; all three when left out',
    },
    keywords: {
      type: 'array',
      maxItems: 200,
      items: { type: 'string', minLength: 1, maxLength: 100 },
      description: 'only messages containing one of these words, phrases or #hashtags start the flow (same matching as the keyword router)',
    },
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
