import type { Context } from 'hono';
import { Hono } from 'hono';
import { CHANNELS } from '../../../schemas/message.ts';
import { enumQuery, intQuery, timeQuery } from '../http/body.ts';
import type { AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';
import { readsOwnOnly } from '../auth/middleware.ts';
import type { ExecutionFilter, InteractionFilter, InteractionRecord, OutboxRepo } from '../store/types.ts';

type OutboxFilter = Parameters<OutboxRepo['list']>[0];

const INTERACTION_STATES = ['queued', 'offered', 'assigned', 'completed', 'closed', 'failed'] as const;
const EXECUTION_STATUSES = ['running', 'waiting', 'completed', 'failed'] as const;
const OUTBOX_STATUSES = ['pending', 'sent', 'dead'] as const;
/** How many of an agent's latest interactions their reads look through. */
const OWN_LIMIT = 1000;

/**
 * Read-only views of what the runtime did: interactions, executions with their
 * steps, the outbox. An agent (with sign-in on) sees only what concerns their
 * own interactions; everyone else sees all.
 */
export function runRoutes(deps: AppDeps): { interactions: Hono; executions: Hono; outbox: Hono } {
  const { store } = deps;

  /**
   * An agent's own interactions, or undefined for those who see all: the ones
   * offered to, assigned to or closed by them (newest first, up to OWN_LIMIT)
   * and the ones in their personal queue.
   */
  const own = (c: Context): { agentId: string; ids: Set<string>; records: InteractionRecord[] } | undefined => {
    const agentId = readsOwnOnly(c);
    if (agentId === undefined) return undefined;
    const ids = new Set([...store.acd.interactionIdsOf(agentId, OWN_LIMIT), ...(deps.acd?.agent(agentId)?.personalQueue ?? [])]);
    const records = [...ids].flatMap((id) => store.interactions.get(id) ?? []);
    records.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return { agentId, ids, records };
  };
  const refuseUnlessOwn = (scope: ReturnType<typeof own>, interactionId: string | undefined, what: string): void => {
    if (scope && (interactionId === undefined || !scope.ids.has(interactionId))) throw new ApiError(403, `${what} is not one of your interactions`);
  };

  const interactions = new Hono();
  interactions.get('/', (c) => {
    const filter: InteractionFilter = {
      state: enumQuery(c, 'state', INTERACTION_STATES),
      queue: c.req.query('queue'),
      contactId: c.req.query('contact'),
      channel: enumQuery(c, 'channel', CHANNELS),
      flowId: c.req.query('flow'),
      since: timeQuery(c, 'since'),
      limit: intQuery(c, 'limit', 1, 1000) ?? 100,
    };
    const scope = own(c);
    if (!scope) return c.json({ interactions: store.interactions.list(filter) });
    const matches = (record: InteractionRecord): boolean =>
      (filter.state === undefined || record.state === filter.state) &&
      (filter.queue === undefined || record.queue === filter.queue) &&
      (filter.contactId === undefined || record.contactId === filter.contactId) &&
      (filter.channel === undefined || record.channel === filter.channel) &&
      (filter.flowId === undefined || record.flowId === filter.flowId) &&
      (filter.since === undefined || record.createdAt >= filter.since);
    return c.json({ interactions: scope.records.filter(matches).slice(0, filter.limit) });
  });
  interactions.get('/:id', (c) => {
    const interaction = store.interactions.get(c.req.param('id'));
    if (!interaction) throw ApiError.notFound(`interaction "${c.req.param('id')}"`);
    refuseUnlessOwn(own(c), interaction.id, `interaction "${interaction.id}"`);
    return c.json({ interaction, messages: store.messages.list({ interactionId: interaction.id, limit: 500 }) });
  });

  const executions = new Hono();
  executions.get('/', (c) => {
    const filter: ExecutionFilter = {
      flowId: c.req.query('flow'),
      status: enumQuery(c, 'status', EXECUTION_STATUSES),
      messageId: c.req.query('message'),
      interactionId: c.req.query('interaction'),
      since: timeQuery(c, 'since'),
      limit: intQuery(c, 'limit', 1, 1000) ?? 100,
    };
    const scope = own(c);
    if (!scope) return c.json({ executions: store.executions.list(filter) });
    if (filter.interactionId !== undefined) refuseUnlessOwn(scope, filter.interactionId, `interaction "${filter.interactionId}"`);
    const ids = filter.interactionId !== undefined ? [filter.interactionId] : [...scope.ids];
    const found = ids.flatMap((interactionId) => store.executions.list({ ...filter, interactionId }));
    found.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
    return c.json({ executions: found.slice(0, filter.limit) });
  });
  executions.get('/:id', (c) => {
    const execution = store.executions.get(c.req.param('id'));
    if (!execution) throw ApiError.notFound(`execution "${c.req.param('id')}"`);
    refuseUnlessOwn(own(c), execution.interactionId, `execution "${execution.id}"`);
    return c.json({ execution });
  });

  const outbox = new Hono();
  outbox.get('/', (c) => {
    const filter: OutboxFilter = {
      status: enumQuery(c, 'status', OUTBOX_STATUSES),
      executionId: c.req.query('execution'),
      interactionId: c.req.query('interaction'),
      limit: intQuery(c, 'limit', 1, 1000) ?? 100,
    };
    const scope = own(c);
    if (!scope) return c.json({ items: store.outbox.list(filter) });
    if (filter.interactionId !== undefined) refuseUnlessOwn(scope, filter.interactionId, `interaction "${filter.interactionId}"`);
    const ids = filter.interactionId !== undefined ? [filter.interactionId] : [...scope.ids];
    const found = ids.flatMap((interactionId) => store.outbox.list({ ...filter, interactionId }));
    found.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return c.json({ items: found.slice(0, filter.limit) });
  });

  return { interactions, executions, outbox };
}
