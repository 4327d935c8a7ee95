import { defineBlock } from '../block.ts';

export const FACEBOOK_EVENTS = ['post', 'comment', 'message'] as const;
const EVENT_LABELS = { post: 'Post', comment: 'Comment', message: 'Messenger message' } as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    events: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: FACEBOOK_EVENTS },
      description: 'which kinds of item start the flow: page posts, comments (and replies to them), Messenger messages; all three when left out',
    },
    keywords: {
      type: 'array',
      maxItems: 200,
      items: { type: 'string', minLength: 1, maxLength: 100 },
      description: 'only messages containing one of these words, phrases or #hashtags start the flow (same matching as the keyword router)',
    },
  },
} as const;

export const facebookTrigger = defineBlock({
  type: 'facebook-trigger',
  version: 1,
  label: 'Facebook trigger',
  category: 'Triggers',
  icon: '📘',
  description: 'Starts the flow for posts and comments on a Facebook page and for Messenger messages, optionally only those containing keywords.',
  configSchema,
  defaultConfig: { events: ['post', 'comment', 'message'] },
  trigger: { channels: ['facebook', 'messenger'] },
  ports: [
    ...FACEBOOK_EVENTS.map((event) => ({ id: event, label: EVENT_LABELS[event] })),
    { id: 'filtered', label: 'Filtered out', optional: true },
  ],
  // Only the enabled events get a port, so a flow need not wire events it ignores.
  portsFor: (config) => [
    ...(config.events ?? FACEBOOK_EVENTS).map((event) => ({ id: event, label: EVENT_LABELS[event] })),
    { id: 'filtered', label: 'Filtered out', optional: true },
  ],
  summary: (config) => {
    const events = (config.events ?? FACEBOOK_EVENTS).map((event) => EVENT_LABELS[event].toLowerCase()).join(', ');
    return config.keywords?.length ? `${events} · ${config.keywords.join(', ')}` : events;
  },
});
