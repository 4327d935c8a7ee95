import type { Channel } from '../../../schemas/message.ts';
import type { Executor, ExecutorResult, PlatformAction, RunServices, StoredMessage } from '../engine/types.ts';

/** The inbound item an action answers, as the outbox and the channel adapters need it. */
export function actionTarget(message: StoredMessage): PlatformAction['target'] {
  return {
    messageId: message.id,
    platformMessageId: message.platformMessageId,
    authorId: message.author.id,
    ...(message.replyTarget ? { replyTarget: message.replyTarget } : {}),
    ...(message.threadId ? { threadId: message.threadId } : {}),
  };
}

/**
 * Hands an action to the outbox. A live run waits on `outbox:<id>` and the
 * runner resumes it on the block's success or `failed` port once the outbox
 * delivers or gives up; a simulation records the action and carries on at once.
 */
export function dispatch(services: RunServices, action: PlatformAction, done: string, words: { simulated: string; queued: string }): ExecutorResult {
  const actionId = services.enqueueAction(action);
  const details = { actionId, action: action.action };
  if (services.dryRun) return { port: done, reason: `${words.simulated} (simulation)`, details };
  const retry = action.retryForSeconds > 0 ? `; retried for up to ${duration(action.retryForSeconds)}` : '; not retried';
  return { wait: { key: `outbox:${actionId}` }, reason: `${words.queued} (outbox ${actionId}${retry})`, details };
}

/** How long to keep retrying: the block's setting, else the account's, else five minutes. */
export function retryWindow(configured: number | undefined, services: RunServices, message: StoredMessage): number {
  return configured ?? services.resources.get('account', message.account)?.retryForSeconds ?? 300;
}

/** "tweet 1790…", "comment 42_7": what the analyst would call the item. */
export function itemName(message: StoredMessage): string {
  const noun = message.channel === 'twitter' && message.visibility === 'public' ? 'tweet' : message.kind;
  return `${noun} ${message.platformMessageId}`;
}

export function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Like, retweet and favorite differ only in the action and where it exists. */
export function engagementExecutor(
  action: 'like' | 'retweet' | 'favorite',
  channels: readonly Channel[],
): Executor<{ retryForSeconds?: number }> {
  return async ({ config, context, services }) => {
    const { message } = context;
    if (!channels.includes(message.channel)) {
      return { port: 'failed', reason: `cannot ${action} on ${message.channel}: only ${channels.join(' and ')} support it` };
    }
    if (message.visibility === 'private') {
      return { port: 'failed', reason: `cannot ${action} a private message: only public posts can be ${past(action)}` };
    }
    const item = itemName(message);
    const platformAction: PlatformAction = {
      action,
      channel: message.channel,
      account: message.account,
      target: actionTarget(message),
      retryForSeconds: retryWindow(config.retryForSeconds, services, message),
    };
    return dispatch(services, platformAction, 'done', { simulated: `would ${action} ${item}`, queued: `${action} of ${item} queued` });
  };
}

function past(action: 'like' | 'retweet' | 'favorite'): string {
  return { like: 'liked', retweet: 'retweeted', favorite: 'favorited' }[action];
}
