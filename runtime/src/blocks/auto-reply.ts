import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { PRIVATE_ONLY_CHANNELS } from '../../../schemas/blocks/auto-reply.ts';
import type { BlockResult, Executor, ExecutorArgs, PlatformAction } from '../engine/types.ts';
import { actionTarget, dispatch, retryWindow } from './platform-action.ts';
import { errorText, quote, renderTemplate } from './render.ts';

type Args = ExecutorArgs<ConfigOf<'auto-reply'>>;

export const autoReply: Executor<ConfigOf<'auto-reply'>> = async ({ config, context, services }) => {
  const { message } = context;
  const template = replyTemplate({ config, services, context });
  if (typeof template !== 'string') return template;

  let text: string;
  try {
    text = renderTemplate(template, context, services.now()).trim();
  } catch (error) {
    return failed(`the reply could not be rendered: ${errorText(error)}`);
  }
  if (text === '') return failed('the reply rendered to empty text: nothing to send');

  const visibility = !config.visibility || config.visibility === 'same' ? message.visibility : config.visibility;
  if (visibility === 'public' && PRIVATE_ONLY_CHANNELS.includes(message.channel)) {
    return failed(`${message.channel} has no public replies: choose "private" or "same"`);
  }
  const action: PlatformAction = {
    action: 'reply',
    channel: message.channel,
    account: message.account,
    visibility,
    text,
    target: actionTarget(message),
    retryForSeconds: retryWindow(config.retryForSeconds, services, message),
  };
  const how = visibility === 'public' ? 'publicly' : 'privately';
  return dispatch(services, action, 'sent', { simulated: `would reply ${how}: ${quote(text)}`, queued: `reply queued ${how}: ${quote(text)}` });
};

/** The text to render, or the failure when the standard response cannot be used. */
function replyTemplate({ config, services, context }: Pick<Args, 'config' | 'services' | 'context'>): string | BlockResult {
  if (config.text !== undefined) return config.text;
  if (!config.response) return failed('no reply text and no standard response are set');
  const response = services.resources.get('response', config.response);
  if (!response) return failed(`standard response "${config.response}" does not exist`);
  if (response.channels && !response.channels.includes(context.message.channel)) {
    return failed(`standard response "${response.name}" is not meant for ${context.message.channel} (only ${response.channels.join(', ')})`);
  }
  return response.text;
}

function failed(reason: string): BlockResult {
  return { port: 'failed', reason };
}
