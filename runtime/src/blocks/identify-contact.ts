import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { MATCH_KEYS } from '../../../schemas/blocks/identify-contact.ts';
import type { ConversationView, Executor, IdentifyOptions, StoredMessage } from '../engine/types.ts';

/** The look-up a block's config asks for, defaults filled in (also used to do it ahead: engine/lookup-ahead.ts). */
export function identifyOptions(config: ConfigOf<'identify-contact'>): IdentifyOptions {
  return { createIfMissing: config.createIfMissing ?? true, continuityHours: config.continuityHours ?? 72, matchBy: [...(config.matchBy ?? MATCH_KEYS)] };
}

export const identifyContact: Executor<ConfigOf<'identify-contact'>> = async ({ config, context, services }) => {
  const { message } = context;
  const options = identifyOptions(config);
  const { createIfMissing, matchBy } = options;
  const { contact, conversation, matchedBy } = await services.contacts.identify(message, options);
  if (!contact) {
    const why = createIfMissing ? 'and none could be created' : 'and creating contacts is off';
    return { port: 'unknown', reason: `no contact matches ${author(message)} by ${matchBy.join(', ')}, ${why}` };
  }
  const found = contact.isNew ? `created contact for ${author(message)}` : `found by ${matchDescription(matchedBy, message)}`;
  const patch = conversation ? { contact, conversation } : { contact };
  return {
    port: contact.isNew ? 'new' : 'known',
    reason: `${found}; ${conversationDescription(conversation)}`,
    patch,
    details: { contactId: contact.id, conversationId: conversation?.id, matchedBy },
  };
};

function author(message: StoredMessage): string {
  if (message.author.handle) return `@${message.author.handle.replace(/^@/, '')}`;
  return message.author.name ?? `${message.channel} user ${message.author.id}`;
}

/** Email and phone are named, not quoted: traces are read by many people. */
function matchDescription(matchedBy: string | undefined, message: StoredMessage): string {
  switch (matchedBy ?? 'identity') {
    case 'identity':
      return `${message.channel} id ${message.author.id}`;
    case 'email':
      return 'email address';
    case 'phone':
      return 'phone number';
    default:
      return matchedBy ?? 'identity';
  }
}

function conversationDescription(conversation: ConversationView | undefined): string {
  if (!conversation) return 'no conversation';
  if (conversation.isNew) return `opened a new conversation ${conversation.id}`;
  const agent = conversation.lastAgentId ? ` (last handled by agent ${conversation.lastAgentId})` : '';
  return `joined open conversation ${conversation.id}${agent}`;
}
