import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { TWITTER_EVENTS } from '../../../schemas/blocks/twitter-trigger.ts';
import type { Executor, StoredMessage } from '../engine/types.ts';
import { triggerOnEvent } from './trigger-event.ts';

type TwitterEvent = (typeof TWITTER_EVENTS)[number];

const EVENT_NAMES: Record<TwitterEvent, string> = { mention: 'mention', reply: 'reply', dm: 'direct message' };

function eventOf(message: StoredMessage): TwitterEvent {
  if (message.visibility === 'private') return 'dm';
  return message.kind === 'reply' ? 'reply' : 'mention';
}

function author(message: StoredMessage): string {
  return message.author.handle ? `@${message.author.handle}` : (message.author.name ?? message.author.id);
}

export const twitterTrigger: Executor<ConfigOf<'twitter-trigger'>> = async ({ config, context }) => {
  const { message } = context;
  if (message.channel !== 'twitter') {
    return { port: 'filtered', reason: `filtered: a ${message.channel} message, not a Twitter one` };
  }
  const event = eventOf(message);
  return triggerOnEvent({
    event,
    enabled: config.events ?? TWITTER_EVENTS,
    names: EVENT_NAMES,
    what: `${EVENT_NAMES[event]} from ${author(message)}`,
    filter: config,
    text: message.text,
  });
};
