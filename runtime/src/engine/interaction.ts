import { newId } from '../ids.ts';
import type { FlowVersionRecord, InteractionRepo, RunCommit } from '../store/types.ts';
import type { RunOutcome } from './engine.ts';
import type { StoredMessage } from './types.ts';

/**
 * Where a finished run leaves its message: a routed run queues an
 * interaction, one handled by the flow alone completes one, and a message on
 * a conversation whose interaction is still open joins that interaction.
 */
export function interactionFor(
  interactions: InteractionRepo,
  flow: FlowVersionRecord,
  message: StoredMessage,
  outcome: RunOutcome,
  at: Date,
): RunCommit['interaction'] {
  const { context, route } = outcome;
  const openId = context.conversation ? interactions.openIdForConversation(context.conversation.id) : undefined;
  const preferredUntil =
    route?.preferredAgent && route.preferredAgentTimeoutSeconds
      ? new Date(at.getTime() + route.preferredAgentTimeoutSeconds * 1000).toISOString()
      : undefined;
  return {
    joinId: openId,
    record: {
      id: openId ?? newId(),
      conversationId: context.conversation?.id,
      contactId: context.contact?.id,
      channel: message.channel,
      account: message.account,
      visibility: message.visibility,
      flowId: flow.flowId,
      flowVersion: flow.version,
      state: outcome.status === 'failed' ? 'failed' : route ? 'queued' : 'completed',
      queue: route?.queue,
      skills: route?.skills ?? [],
      priority: route?.priority ?? context.routing.priority,
      preferredAgent: route?.preferredAgent,
      preferredAgentUntil: preferredUntil,
      greeting: route?.greeting ?? context.routing.greeting,
      attributes: context.vars,
    },
  };
}
