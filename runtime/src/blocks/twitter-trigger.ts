import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { TWITTER_EVENTS } from '../../../schemas/blocks/twitter-trigger.ts';
import type { Executor, StoredMessage } from '../engine/types.ts';
import { describeKeywords, passesKeywordFilter } from './keywords.ts';

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
  const what = `${EVENT_NAMES[event]} from ${author(message)}`;
  const events = config.events ?? TWITTER_EVENTS;
  if (!events.includes(event)) {
    return {
      port: 'filtered',
      reason: `filtered: ${what}, but ${EVENT_NAMES[event]}s are not enabled (enabled: ${events.map((name) => EVENT_NAMES[name]).join(', ')})`,
      details: { event },
    };
  }
  const matched = passesKeywordFilter(config, message.text);
  if (!matched) {
    return {
      port: 'filtered',
      reason: `filtered: ${what} has none of the ${describeKeywords(config.keywords ?? [])}`,
      details: { event },
    };
  }
  return {
    port: event,
    reason: matched.length > 0 ? `${what} matched ${describeKeywords(matched)}` : what,
    details: matched.length > 0 ? { event, keywords: matched } : { event },
  };
};
