import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { FACEBOOK_EVENTS } from '../../../schemas/blocks/facebook-trigger.ts';
import type { Executor, StoredMessage } from '../engine/types.ts';
import { describeKeywords, passesKeywordFilter } from './keywords.ts';

type FacebookEvent = (typeof FACEBOOK_EVENTS)[number];

const EVENT_NAMES: Record<FacebookEvent, string> = { post: 'post', comment: 'comment', message: 'Messenger message' };

function eventOf(message: StoredMessage): FacebookEvent {
  if (message.channel === 'messenger' || message.visibility === 'private') return 'message';
  return message.kind === 'comment' || message.kind === 'reply' ? 'comment' : 'post';
}

function author(message: StoredMessage): string {
  return message.author.name ?? message.author.handle ?? message.author.id;
}

export const facebookTrigger: Executor<ConfigOf<'facebook-trigger'>> = async ({ config, context }) => {
  const { message } = context;
  if (message.channel !== 'facebook' && message.channel !== 'messenger') {
    return { port: 'filtered', reason: `filtered: a ${message.channel} message, not a Facebook or Messenger one` };
  }
  const event = eventOf(message);
  const what = `${EVENT_NAMES[event]} from ${author(message)}`;
  const events = config.events ?? FACEBOOK_EVENTS;
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
