import type { Context } from 'hono';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { agentActionBodySchema, agentStatusBodySchema } from '../../../schemas/api.ts';
import type { AgentResource } from '../../../schemas/resources/index.ts';
import type { AcdService, AcdServiceEvent } from '../acd/service.ts';
import { actingAgent, agentOnly, ownAgent } from '../auth/middleware.ts';
import { optionalJson, readJson } from '../http/body.ts';
import type { AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';

/** How often an idle event stream sends a comment, so proxies keep it open. */
const HEARTBEAT_MS = 25_000;

/** Whether an event concerns the agent's event stream. */
export function concerns(event: AcdServiceEvent, agentId: string): boolean {
  switch (event.type) {
    case 'offered':
    case 'offer-ended':
      return event.offer.agentId === agentId;
    case 'status':
    case 'assigned':
    case 'parked':
    case 'unparked':
    case 'preference-ended':
    case 'subscribed':
    case 'released':
      return event.agentId === agentId;
    case 'queued':
      return event.heldFor === agentId;
    default:
      return false;
  }
}

/**
 * The agents' side of the ACD: status, offers, the personal queue, releasing
 * work, and a live event stream per agent. ACD refusals become 4xx in
 * `errorResponse` (http/errors.ts).
 */
export function agentRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const acd = (): AcdService => {
    if (!deps.acd) throw new ApiError(503, 'the ACD is not running');
    return deps.acd;
  };
  const knownAgent = (c: Context, id: string): AgentResource => {
    ownAgent(c, id);
    const resource = deps.store.resources.get('agent', id) as AgentResource | undefined;
    if (!resource) throw ApiError.notFound(`agent "${id}"`);
    return resource;
  };

  app.get('/agents', (c) => {
    const service = acd();
    const self = agentOnly(c);
    const agents = (deps.store.resources.list('agent') as AgentResource[]).filter((resource) => !self || resource.id === self.agentId).map((resource) => {
      const view = service.agent(resource.id);
      return {
        resource,
        status: view?.status ?? 'offline',
        ...(view?.status === 'not-ready' && { reason: view.reason }),
        idleSince: view ? new Date(view.idleSince).toISOString() : undefined,
        load: view?.load ?? {},
        offers: view?.offers ?? [],
        assigned: view?.assigned ?? [],
        personalQueue: view?.personalQueue ?? [],
        held: view?.held ?? [],
        subscriptions: view?.subscriptions.length ?? 0,
      };
    });
    return c.json({ agents });
  });

  app.post('/agents/:id/status', async (c) => {
    const id = c.req.param('id');
    knownAgent(c, id);
    const body = (await readJson(c, agentStatusBodySchema)) as { status: 'available' | 'not-ready' | 'offline'; reason?: string };
    const view = acd().setStatus(id, body.status, body.reason);
    return c.json({ agent: { id, status: view.status, ...(view.status === 'not-ready' && { reason: view.reason }), load: view.load, offers: view.offers } });
  });

  app.post('/agents/:id/personal-queue/:interactionId/pull', (c) => {
    const id = c.req.param('id');
    knownAgent(c, id);
    acd().pull(id, c.req.param('interactionId'));
    return c.json({ interaction: deps.store.interactions.get(c.req.param('interactionId')) });
  });

  app.post('/offers/:id/accept', async (c) => {
    const body = await optionalJson(c, agentActionBodySchema);
    const service = acd();
    const offer = service.acd.offer(c.req.param('id'));
    service.accept(c.req.param('id'), actingAgent(c, body.agentId).agentId);
    return c.json({ interaction: offer && deps.store.interactions.get(offer.interactionId) });
  });

  app.post('/offers/:id/deny', async (c) => {
    const body = await optionalJson(c, agentActionBodySchema);
    acd().deny(c.req.param('id'), actingAgent(c, body.agentId).agentId);
    return c.json({ denied: c.req.param('id') });
  });

  app.post('/interactions/:id/release', async (c) => {
    const body = await optionalJson(c, agentActionBodySchema);
    acd().release(c.req.param('id'), actingAgent(c, body.agentId).agentId);
    return c.json({ interaction: deps.store.interactions.get(c.req.param('id')) });
  });

  app.get('/agents/:id/events', (c) => {
    const id = c.req.param('id');
    knownAgent(c, id);
    const service = acd();
    const view = service.agent(id);
    const hello = { agentId: id, status: view?.status ?? 'offline', offers: view?.offers ?? [], personalQueue: view?.personalQueue ?? [], assigned: view?.assigned ?? [] };
    return eventStream(c, service, hello, (event) => concerns(event, id));
  });

  // Supervisors: every ACD event, including interactions that start waiting for nobody in particular.
  app.get('/acd/events', (c) => eventStream(c, acd(), { agents: acd().agents().length }, () => true));

  return app;
}

/** Server-sent events of the ACD service that pass `wanted`, after a `hello`; a comment line keeps idle connections open. */
function eventStream(c: Context, service: AcdService, hello: unknown, wanted: (event: AcdServiceEvent) => boolean): Response {
  return streamSSE(c, async (stream) => {
    const pending: AcdServiceEvent[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const stop = service.on((event) => {
      if (!wanted(event)) return;
      pending.push(event);
      wake?.();
    });
    const heartbeat = setInterval(() => void stream.write(': ping\n\n').catch(() => {}), HEARTBEAT_MS);
    stream.onAbort(() => {
      closed = true;
      wake?.();
    });
    let seq = 0;
    try {
      await stream.writeSSE({ event: 'hello', id: String(seq++), data: JSON.stringify(hello) });
      while (!closed && !stream.aborted && !stream.closed) {
        const event = pending.shift();
        if (!event) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        await stream.writeSSE({ event: event.type, id: String(seq++), data: JSON.stringify(event) });
      }
    } finally {
      clearInterval(heartbeat);
      stop();
    }
  });
}

