import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { MESSAGING_CHANNEL_LABELS, MESSAGING_CHANNELS } from '../../../schemas/blocks/messaging-trigger.ts';
import type { Channel } from '../../../schemas/message.ts';
import type { Executor, StoredMessage } from '../engine/types.ts';
import { describeKeywords, passesKeywordFilter } from './keywords.ts';

type MessagingChannel = (typeof MESSAGING_CHANNELS)[number];

function isMessagingChannel(channel: Channel): channel is MessagingChannel {
  return (MESSAGING_CHANNELS as readonly Channel[]).includes(channel);
}

function author(message: StoredMessage): string {
  return message.author.name ?? (message.author.handle ? `@${message.author.handle}` : message.author.id);
}

export const messagingTrigger: Executor<ConfigOf<'messaging-trigger'>> = async ({ config, context }) => {
  const { message } = context;
  if (message.visibility !== 'private') {
    return { port: 'filtered', reason: `filtered: a public ${message.channel} ${message.kind}, not a private message` };
  }
  if (!isMessagingChannel(message.channel)) {
    return { port: 'filtered', reason: `filtered: ${message.channel} is not a messaging channel` };
  }
  const label = MESSAGING_CHANNEL_LABELS[message.channel];
  const channels = config.channels ?? MESSAGING_CHANNELS;
  if (!channels.includes(message.channel)) {
    return {
      port: 'filtered',
      reason: `filtered: ${label} is not enabled (enabled: ${channels.map((channel) => MESSAGING_CHANNEL_LABELS[channel]).join(', ')})`,
      details: { channel: message.channel },
    };
  }
  const what = `${message.channel === 'twitter' ? label : `${label} message`} from ${author(message)}`;
  const matched = passesKeywordFilter(config, message.text);
  if (!matched) {
    return {
      port: 'filtered',
      reason: `filtered: ${what} has none of the ${describeKeywords(config.keywords ?? [])}`,
      details: { channel: message.channel },
    };
  }
  return {
    port: 'out',
    reason: matched.length > 0 ? `${what} matched ${describeKeywords(matched)}` : what,
    details: matched.length > 0 ? { channel: message.channel, keywords: matched } : { channel: message.channel },
  };
};
