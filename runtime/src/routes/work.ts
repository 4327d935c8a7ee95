import type { Context } from 'hono';
import { Hono } from 'hono';
import { closeBodySchema, engageBodySchema, moveToPrivateBodySchema, replyBodySchema, transferBodySchema } from '../../../schemas/api.ts';
import { ENGAGEMENT_CHANNELS, ENGAGEMENTS, hasPublicSide, supportsEngagement } from '../../../schemas/channel-capabilities.ts';
import type { Channel } from '../../../schemas/message.ts';
import type { AgentResource, Disposition, Queue, StandardResponse } from '../../../schemas/resources/index.ts';
import { liquid } from '../../../schemas/templates.ts';
import { mergeSkills } from '../blocks/skills.ts';
import { actionTarget } from '../blocks/platform-action.ts';
import { actingAgent, agentOnly } from '../auth/middleware.ts';
import { errorText } from '../blocks/render.ts';
import type { PlatformAction } from '../engine/types.ts';
import { optionalJson, readJson } from '../http/body.ts';
import type { AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';
import { newId } from '../ids.ts';
import type { InteractionRecord, MessageRecord } from '../store/types.ts';

/** States an agent can no longer act on. */
const ENDED = new Set(['closed', 'failed']);

/**
 * What an agent does on an interaction: replies (own text or a standard
 * response), likes / retweets / favorites, moving a public conversation to
 * private, transfer to another queue, close with a disposition, and the
 * contact's history. Replies and actions go through the outbox; every change
 * is refused with a 4xx (state unchanged) on a closed interaction or bad input.
 */
export function workRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const { store } = deps;
  const now = (): Date => deps.now?.() ?? new Date();

  /** The interaction to act on; with sign-in on, an agent's token decides who acts, and only on their own interactions. */
  const interaction = (c: Context, id: string, claimed?: unknown): InteractionRecord & { actor?: string } => {
    const { agentId, enforced } = actingAgent(c, claimed);
    const record = store.interactions.get(id);
    if (!record) throw ApiError.notFound(`interaction "${id}"`);
    if (enforced && record.agentId !== agentId) throw new ApiError(403, `interaction ${id} belongs to another agent`, { pointer: '/agentId' });
    if (ENDED.has(record.state)) throw new ApiError(409, `interaction ${id} is ${record.state}: nothing more can be done on it`, { state: record.state });
    if (typeof agentId === 'string' && record.agentId !== undefined && record.agentId !== agentId) {
      throw new ApiError(403, `interaction ${id} belongs to another agent`, { pointer: '/agentId' });
    }
    return agentId === undefined ? record : { ...record, actor: agentId };
  };

  /** The newest message the customer sent on the interaction: what replies and actions answer. */
  const latestInbound = (record: InteractionRecord): MessageRecord => {
    const inbound = store.messages.list({ interactionId: record.id, limit: 500 }).find((message) => message.direction === 'in');
    if (!inbound) throw new ApiError(409, `interaction ${record.id} has no message from the customer to answer`);
    return inbound;
  };

  const retryFor = (account: string): number => (store.resources.get('account', account) as { retryForSeconds?: number } | undefined)?.retryForSeconds ?? 300;

  const render = (template: string, record: InteractionRecord, inbound: MessageRecord, agentId: unknown, pointer: string): string => {
    const contact = record.contactId ? store.contacts.get(record.contactId) : undefined;
    const agent = typeof agentId === 'string' ? (store.resources.get('agent', agentId) as AgentResource | undefined) : undefined;
    let text: string;
    try {
      text = liquid
        .parseAndRenderSync(template, {
          message: inbound.message,
          contact,
          conversation: record.conversationId ? { id: record.conversationId } : undefined,
          interaction: { id: record.id, queue: record.queue, channel: record.channel, visibility: record.visibility },
          agent: agent && { id: agent.id, name: agent.name },
          vars: record.attributes,
          now: now().toISOString(),
        })
        .trim();
    } catch (error) {
      throw new ApiError(400, `the reply could not be rendered: ${errorText(error)}`, { pointer });
    }
    if (text === '') throw new ApiError(400, 'the reply is empty: nothing to send', { pointer });
    return text;
  };

  const standardResponse = (id: string, channel: string, pointer: string, missing = `standard response "${id}" does not exist`): StandardResponse => {
    const response = store.resources.get('response', id) as StandardResponse | undefined;
    if (!response) throw new ApiError(400, missing, { pointer });
    if (response.channels && !(response.channels as readonly string[]).includes(channel)) {
      throw new ApiError(400, `standard response "${response.name}" is not meant for ${channel} (only ${response.channels.join(', ')})`, { pointer });
    }
    return response;
  };

  /** Queues a reply and files it as an outbound message on the interaction, in one transaction; then wakes the dispatcher. */
  const sendReply = (record: InteractionRecord, inbound: MessageRecord, visibility: 'public' | 'private', text: string, agentId: unknown, after?: () => void) => {
    const at = now().toISOString();
    const action: PlatformAction & { id: string } = {
      id: newId(),
      action: 'reply',
      channel: record.channel as Channel,
      account: record.account,
      visibility,
      text,
      target: actionTarget(inbound.message),
      retryForSeconds: retryFor(record.account),
    };
    const { outbox, message } = store.transaction(() => {
      const queued = store.outbox.enqueue(action, { interactionId: record.id }, at);
      const out = store.messages.insertOutbound({
        id: newId(),
        channel: record.channel,
        account: record.account,
        visibility,
        interactionId: record.id,
        ...(record.contactId !== undefined && { contactId: record.contactId }),
        ...(record.conversationId !== undefined && { conversationId: record.conversationId }),
        outboxId: action.id,
        ...(typeof agentId === 'string' && { agentId }),
        text,
        inReplyTo: inbound.id,
        at,
      });
      after?.();
      return { outbox: queued, message: out };
    });
    deps.dispatcher?.kick();
    return { outbox, message };
  };

  app.post('/interactions/:id/reply', async (c) => {
    const body = (await optionalJson(c, replyBodySchema)) as { text?: string; responseId?: string; visibility?: 'public' | 'private' | 'same'; agentId?: string };
    const record = interaction(c, c.req.param('id'), body.agentId);
    if (body.text !== undefined && body.responseId !== undefined) {
      throw new ApiError(400, 'give either text or responseId, not both', { pointer: '/responseId' });
    }
    if (body.text === undefined && body.responseId === undefined) throw new ApiError(400, 'text or responseId is required', { pointer: '/text' });
    const template = body.text ?? standardResponse(body.responseId!, record.channel, '/responseId').text;
    const visibility = !body.visibility || body.visibility === 'same' ? record.visibility : body.visibility;
    if (visibility === 'public' && !hasPublicSide(record.channel)) {
      throw new ApiError(400, `${record.channel} has no public replies: choose "private" or "same"`, { pointer: '/visibility' });
    }
    const inbound = latestInbound(record);
    const text = render(template, record, inbound, record.actor, body.text !== undefined ? '/text' : '/responseId');
    return c.json(sendReply(record, inbound, visibility, text, record.actor), 201);
  });

  for (const action of ENGAGEMENTS) {
    app.post(`/interactions/:id/${action}`, async (c) => {
      const body = await optionalJson(c, engageBodySchema);
      const record = interaction(c, c.req.param('id'), body.agentId);
      if (!supportsEngagement(record.channel, action)) {
        throw new ApiError(400, `cannot ${action} on ${record.channel}: only ${ENGAGEMENT_CHANNELS[action].join(' and ')} support it`, { action, channel: record.channel });
      }
      const inbound = latestInbound(record);
      if (inbound.message.visibility === 'private') throw new ApiError(400, `cannot ${action} a private message: only public posts`, { action });
      const item: PlatformAction & { id: string } = {
        id: newId(),
        action,
        channel: record.channel as Channel,
        account: record.account,
        target: actionTarget(inbound.message),
        retryForSeconds: retryFor(record.account),
      };
      const outbox = store.outbox.enqueue(item, { interactionId: record.id }, now().toISOString());
      deps.dispatcher?.kick();
      return c.json({ outbox }, 201);
    });
  }

  app.post('/interactions/:id/move-to-private', async (c) => {
    const body = (await optionalJson(c, moveToPrivateBodySchema)) as { text?: string; agentId?: string };
    const record = interaction(c, c.req.param('id'), body.agentId);
    if (!hasPublicSide(record.channel)) {
      throw new ApiError(400, `${record.channel} has no public posts: the conversation is private already`, { channel: record.channel });
    }
    if (record.visibility === 'private') throw new ApiError(409, `interaction ${record.id} is private already`);
    const template = body.text ?? standardResponse('dm-invite', record.channel, '/text', 'no text given and no standard response "dm-invite" to invite with').text;
    const inbound = latestInbound(record);
    const text = render(template, record, inbound, record.actor, '/text');
    const at = now().toISOString();
    const sent = sendReply(record, inbound, 'public', text, record.actor, () => store.interactions.setVisibility(record.id, 'private', at));
    // The conversation goes on privately: it takes the agent's private capacity, the public slot is free again.
    deps.acd?.visibilityChanged(record.id, 'private');
    return c.json({ ...sent, interaction: store.interactions.get(record.id) }, 201);
  });

  app.post('/interactions/:id/transfer', async (c) => {
    const body = (await readJson(c, transferBodySchema)) as { queue: string; agentId?: string };
    const record = interaction(c, c.req.param('id'), body.agentId);
    const queue = store.resources.get('queue', body.queue) as Queue | undefined;
    if (!queue) throw new ApiError(400, `queue "${body.queue}" does not exist`, { pointer: '/queue' });
    if (queue.id === record.queue && record.state !== 'completed') throw new ApiError(409, `interaction ${record.id} is in queue "${queue.id}" already`, { pointer: '/queue' });
    const at = now().toISOString();
    const from = record.agentId;
    store.transaction(() => {
      deps.acd?.withdraw(record.id);
      store.interactions.transfer(record.id, { queue: queue.id, skills: mergeSkills(queue.skills) }, at);
    });
    const moved = store.interactions.get(record.id)!;
    deps.acd?.requeue(moved as InteractionRecord & { queue: string }, from);
    return c.json({ interaction: store.interactions.get(record.id), from: { queue: record.queue ?? null, agentId: from ?? null } });
  });

  app.post('/interactions/:id/close', async (c) => {
    const body = (await optionalJson(c, closeBodySchema)) as { disposition?: string; agentId?: string };
    const record = interaction(c, c.req.param('id'), body.agentId);
    const queue = record.queue ? (store.resources.get('queue', record.queue) as Queue | undefined) : undefined;
    if (body.disposition === undefined && queue?.dispositionRequired) {
      throw new ApiError(400, `queue "${queue.id}" requires a disposition code to close`, { pointer: '/disposition' });
    }
    if (body.disposition !== undefined && !store.resources.get('disposition', body.disposition)) {
      throw new ApiError(400, `disposition code "${body.disposition}" does not exist`, { pointer: '/disposition' });
    }
    const at = now().toISOString();
    store.transaction(() => {
      deps.acd?.withdraw(record.id);
      store.interactions.close(record.id, { ...(body.disposition !== undefined && { disposition: body.disposition }) }, at);
    });
    return c.json({ interaction: store.interactions.get(record.id) });
  });

  app.get('/contacts/:id/history', (c) => {
    const contact = store.contacts.get(c.req.param('id'));
    if (!contact) throw ApiError.notFound(`contact "${c.req.param('id')}"`);
    const records = store.interactions.list({ contactId: contact.id, limit: 500 });
    const self = agentOnly(c);
    if (self && !records.some((record) => record.agentId === self.agentId)) throw new ApiError(403, `contact "${contact.id}" is not one of your customers`);
    const interactions = records.map((record) => {
      const disposition = record.disposition ? (store.resources.get('disposition', record.disposition) as Disposition | undefined) : undefined;
      return {
        ...record,
        ...(record.disposition && {
          disposition: { id: record.disposition, name: disposition?.name ?? record.disposition, ...(disposition?.outcome && { outcome: disposition.outcome }) },
        }),
      };
    });
    const messages = store.messages.list({ contactId: contact.id, limit: 500 }).map(({ message, ...rest }) => ({
      ...rest,
      visibility: message.visibility,
      kind: message.kind,
      author: message.author,
    }));
    return c.json({ contact, identities: store.contacts.identities(contact.id), interactions, messages });
  });

  return app;
}
