import { defineBlock } from '../block.ts';
import { choiceSet, keywordFilterField } from './trigger-fields.ts';

export const FACEBOOK_EVENTS = ['post', 'comment', 'message'] as const;
const EVENT_LABELS = { post: 'Post', comment: 'Comment', message: 'Messenger message' } as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    events: choiceSet(FACEBOOK_EVENTS, 'which kinds of item start the flow: page posts, comments (and replies to them), Messenger messages; all three when left out'),
    keywords: keywordFilterField,
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
