import type { Context } from 'hono';
import { Hono } from 'hono';
import { CHANNELS } from '../../../schemas/message.ts';
import { enumQuery, idQuery, intQuery, timeQuery } from '../http/body.ts';
import type { AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';
import { readsOwnOnly } from '../auth/middleware.ts';
import type { ExecutionFilter, InteractionFilter, InteractionRecord, OutboxRepo } from '../store/types.ts';

type OutboxFilter = Parameters<OutboxRepo['list']>[0];

const INTERACTION_STATES = ['queued', 'offered', 'assigned', 'completed', 'closed', 'failed'] as const;
const EXECUTION_STATUSES = ['running', 'waiting', 'completed', 'failed'] as const;
const OUTBOX_STATUSES = ['pending', 'sent', 'dead'] as const;
/** How many of an agent's latest interactions their execution and outbox lists look through. */
const OWN_LIMIT = 1000;

/** Newest first by the given time stamp (ISO strings sort as times). */
const newestFirst =
  <K extends string>(key: K) =>
  (a: Record<K, string>, b: Record<K, string>): number =>
    a[key] < b[key] ? 1 : a[key] > b[key] ? -1 : 0;

/** The list filter, for interactions the database query did not select (those parked with an agent). */
function matches(record: InteractionRecord, filter: InteractionFilter): boolean {
  return (
    (filter.state === undefined || record.state === filter.state) &&
    (filter.queue === undefined || record.queue === filter.queue) &&
    (filter.agentId === undefined || record.agentId === filter.agentId) &&
    (filter.contactId === undefined || record.contactId === filter.contactId) &&
    (filter.channel === undefined || record.channel === filter.channel) &&
    (filter.flowId === undefined || record.flowId === filter.flowId) &&
    (filter.since === undefined || record.createdAt >= filter.since)
  );
}

/**
 * Read-only views of what the runtime did: interactions, executions with their
 * steps, the outbox. An agent (with sign-in on) sees only what concerns their
 * own interactions; everyone else sees all.
 */
export function runRoutes(deps: AppDeps): { interactions: Hono; executions: Hono; outbox: Hono } {
  const { store } = deps;

  /** Interactions parked with an agent (denied or timed out): theirs to read, though no agent holds them. */
  const parkedWith = (agentId: string): string[] => deps.acd?.agent(agentId)?.personalQueue ?? [];

  /**
   * The ids of an agent's own interactions, or undefined for those who see
   * all: the ones offered to, assigned to or closed by them (newest first, up
   * to OWN_LIMIT) and the ones in their personal queue.
   */
  const ownIds = (c: Context): Set<string> | undefined => {
    const agentId = readsOwnOnly(c);
    if (agentId === undefined) return undefined;
    const held = store.interactions.list({ agentId, limit: OWN_LIMIT }).map((record) => record.id);
    return new Set([...held, ...parkedWith(agentId)]);
  };
  /** For an agent: 403 unless the interaction is theirs (held by them, or parked with them). */
  const refuseUnlessOwn = (c: Context, interactionId: string | undefined, what: string): void => {
    const agentId = readsOwnOnly(c);
    if (agentId === undefined) return;
    const record = interactionId === undefined ? undefined : store.interactions.get(interactionId);
    if (!record || (record.agentId !== agentId && !parkedWith(agentId).includes(record.id))) throw new ApiError(403, `${what} is not one of your interactions`);
  };
  /**
   * The filter an agent's list is read with: the one interaction it names
   * (403 unless theirs), or all of theirs in one query; the filter as it is
   * for those who see all.
   */
  const ownFilter = <F extends { interactionId?: string; interactionIds?: readonly string[] }>(c: Context, filter: F): F => {
    if (readsOwnOnly(c) === undefined) return filter;
    if (filter.interactionId !== undefined) {
      refuseUnlessOwn(c, filter.interactionId, `interaction "${filter.interactionId}"`);
      return filter;
    }
    return { ...filter, interactionIds: [...ownIds(c)!] };
  };

  const interactions = new Hono();
  interactions.get('/', (c) => {
    const filter: InteractionFilter = {
      state: enumQuery(c, 'state', INTERACTION_STATES),
      queue: c.req.query('queue'),
      agentId: idQuery(c, 'agentId'),
      contactId: c.req.query('contact'),
      channel: enumQuery(c, 'channel', CHANNELS),
      flowId: c.req.query('flow'),
      since: timeQuery(c, 'since'),
      limit: intQuery(c, 'limit', 1, 1000) ?? 100,
    };
    const self = readsOwnOnly(c);
    if (self === undefined) return c.json({ interactions: store.interactions.list(filter) });
    if (filter.agentId !== undefined && filter.agentId !== self) throw new ApiError(403, `agent "${filter.agentId}" is not you`, { pointer: '?agentId' });
    // An agent's own: those the database holds under their id, and those parked with them (held by no agent, so ?agentId leaves them out).
    const held = store.interactions.list({ ...filter, agentId: self });
    const parked = parkedWith(self).flatMap((id) => store.interactions.get(id) ?? []).filter((record) => matches(record, filter));
    const records = [...held, ...parked.filter((record) => !held.some((other) => other.id === record.id))];
    records.sort(newestFirst('createdAt'));
    return c.json({ interactions: records.slice(0, filter.limit) });
  });
  interactions.get('/:id', (c) => {
    const interaction = store.interactions.get(c.req.param('id'));
    if (!interaction) throw ApiError.notFound(`interaction "${c.req.param('id')}"`);
    refuseUnlessOwn(c, interaction.id, `interaction "${interaction.id}"`);
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
    return c.json({ executions: store.executions.list(ownFilter(c, filter)) });
  });
  executions.get('/:id', (c) => {
    const execution = store.executions.get(c.req.param('id'));
    if (!execution) throw ApiError.notFound(`execution "${c.req.param('id')}"`);
    refuseUnlessOwn(c, execution.interactionId, `execution "${execution.id}"`);
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
    return c.json({ items: store.outbox.list(ownFilter(c, filter)) });
  });

  return { interactions, executions, outbox };
}
