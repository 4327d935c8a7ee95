import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { FACEBOOK_EVENTS } from '../../../schemas/blocks/facebook-trigger.ts';
import type { Executor, StoredMessage } from '../engine/types.ts';
import { triggerOnEvent } from './trigger-event.ts';

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
  return triggerOnEvent({
    event,
    enabled: config.events ?? FACEBOOK_EVENTS,
    names: EVENT_NAMES,
    what: `${EVENT_NAMES[event]} from ${author(message)}`,
    filter: config,
    text: message.text,
  });
};
