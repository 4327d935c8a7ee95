import { Hono } from 'hono';
import { CHANNELS } from '../../../schemas/message.ts';
import { enumQuery, intQuery, timeQuery } from '../http/body.ts';
import type { AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';

const INTERACTION_STATES = ['queued', 'offered', 'assigned', 'completed', 'closed', 'failed'] as const;
const EXECUTION_STATUSES = ['running', 'waiting', 'completed', 'failed'] as const;
const OUTBOX_STATUSES = ['pending', 'sent', 'dead'] as const;

/** Read-only views of what the runtime did: interactions, executions with their steps, the outbox. */
export function runRoutes(deps: AppDeps): { interactions: Hono; executions: Hono; outbox: Hono } {
  const { store } = deps;

  const interactions = new Hono();
  interactions.get('/', (c) =>
    c.json({
      interactions: store.interactions.list({
        state: enumQuery(c, 'state', INTERACTION_STATES),
        queue: c.req.query('queue'),
        contactId: c.req.query('contact'),
        channel: enumQuery(c, 'channel', CHANNELS),
        flowId: c.req.query('flow'),
        since: timeQuery(c, 'since'),
        limit: intQuery(c, 'limit', 1, 1000) ?? 100,
      }),
    }),
  );
  interactions.get('/:id', (c) => {
    const interaction = store.interactions.get(c.req.param('id'));
    if (!interaction) throw ApiError.notFound(`interaction "${c.req.param('id')}"`);
    return c.json({ interaction, messages: store.messages.list({ interactionId: interaction.id, limit: 500 }) });
  });

  const executions = new Hono();
  executions.get('/', (c) =>
    c.json({
      executions: store.executions.list({
        flowId: c.req.query('flow'),
        status: enumQuery(c, 'status', EXECUTION_STATUSES),
        messageId: c.req.query('message'),
        interactionId: c.req.query('interaction'),
        since: timeQuery(c, 'since'),
        limit: intQuery(c, 'limit', 1, 1000) ?? 100,
      }),
    }),
  );
  executions.get('/:id', (c) => {
    const execution = store.executions.get(c.req.param('id'));
    if (!execution) throw ApiError.notFound(`execution "${c.req.param('id')}"`);
    return c.json({ execution });
  });

  const outbox = new Hono();
  outbox.get('/', (c) =>
    c.json({
      items: store.outbox.list({
        status: enumQuery(c, 'status', OUTBOX_STATUSES),
        executionId: c.req.query('execution'),
        interactionId: c.req.query('interaction'),
        limit: intQuery(c, 'limit', 1, 1000) ?? 100,
      }),
    }),
  );

  return { interactions, executions, outbox };
}
