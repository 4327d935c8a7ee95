import { Hono } from 'hono';
import { validateMessage } from '../../../schemas/validate.ts';
import { accountDirectory } from '../channels/accounts.ts';
import type { WebhookAdapter, WebhookRequest } from '../channels/types.ts';
import type { AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';
import type { Accepted } from '../engine/engine.ts';

/**
 * `/webhooks/<platform>`: the handshake (GET) and deliveries (POST). A
 * delivery is checked against its signature over the raw bytes, every item
 * of the batch is normalized and stored (duplicates dropped), the platform
 * gets its 2xx once that is durable, and the flows run after.
 */
export function webhookRoutes(deps: AppDeps, adapters: readonly WebhookAdapter[]): Hono {
  const app = new Hono();
  const byPath = new Map(adapters.map((adapter) => [adapter.path, adapter]));
  const adapterFor = (path: string) => byPath.get(path) ?? (() => { throw new ApiError(404, `no webhook for "${path}"`); })();
  const accounts = () => accountDirectory(deps.store.resources);

  app.get('/:platform', async (c) => {
    const adapter = adapterFor(c.req.param('platform'));
    if (!adapter.handshake) throw new ApiError(405, `${adapter.path} webhooks have no GET handshake`);
    const request: WebhookRequest = { url: new URL(c.req.url), headers: c.req.raw.headers, raw: Buffer.alloc(0) };
    const answer = adapter.handshake(request, accounts());
    return c.body(answer.body, answer.status as 200, { 'content-type': answer.contentType });
  });

  app.post('/:platform', async (c) => {
    const adapter = adapterFor(c.req.param('platform'));
    const raw = Buffer.from(await c.req.arrayBuffer());
    const request: WebhookRequest = { url: new URL(c.req.url), headers: c.req.raw.headers, raw };
    const directory = accounts();
    // Nothing unsigned is parsed, let alone stored.
    if (!adapter.verify(request, directory)) throw new ApiError(401, 'missing or invalid signature');
    let payload: unknown;
    try {
      payload = adapter.parse ? adapter.parse(raw) : JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw new ApiError(400, `malformed JSON: ${error instanceof Error ? error.message : String(error)}`, { pointer: '' });
    }
    const normalized = adapter.normalize(payload, directory);
    const accepted: Accepted[] = [];
    for (const message of normalized.messages) {
      const problems = validateMessage(message);
      if (problems.length > 0) {
        deps.log('webhook item does not normalize to a valid message; ignored', { platform: adapter.path, problems });
        continue;
      }
      accepted.push(await deps.engine.accept(message));
    }
    for (const change of normalized.changes) deps.store.messages.applyChange(change);
    for (const delivery of normalized.deliveries) deps.store.outbox.markDelivery(delivery.channel, delivery.platformResultId, delivery.status, delivery.error);
    for (const reason of normalized.ignored) deps.log('webhook item ignored', { platform: adapter.path, reason });
    await deps.store.durable();

    // The platform has its answer once this returns; the flows run after.
    setImmediate(() => {
      for (const item of accepted) {
        deps.engine.run(item).catch((error: unknown) => deps.log('flow run after webhook failed', { error: String(error) }));
      }
    });
    const duplicates = accepted.filter((item) => item.outcome.status === 'duplicate').length;
    return c.json({
      received: accepted.length - duplicates,
      duplicates,
      changes: normalized.changes.length,
      deliveries: normalized.deliveries.length,
      ignored: normalized.ignored.length,
    });
  });

  return app;
}
