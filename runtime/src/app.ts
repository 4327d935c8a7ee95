import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { blocks } from '../../schemas/blocks/index.ts';
import { bodyLimit } from './http/body-limit.ts';
import type { AppDeps } from './http/deps.ts';
import { ApiError, errorResponse } from './http/errors.ts';
import { authorize } from './auth/middleware.ts';
import { agentRoutes } from './routes/agents.ts';
import { authRoutes } from './routes/auth.ts';
import { flowRoutes } from './routes/flows.ts';
import { messageRoutes } from './routes/messages.ts';
import { flagRoutes, resourceRoutes } from './routes/resources.ts';
import { runRoutes } from './routes/runs.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { workRoutes } from './routes/work.ts';
import type { WebhookAdapter } from './channels/types.ts';
import { webhookAdapters } from './channels/registry.ts';

export interface AppOptions {
  /** Largest request body accepted, in bytes (413 above it). */
  maxBodyBytes?: number;
  /** Built designer to serve at `/`, when present. */
  designerDir?: string;
  /** The platform webhooks to serve (all of them unless a test says otherwise). */
  webhooks?: readonly WebhookAdapter[];
}

/** The HTTP API and the web app, as one Hono app (tests call `app.request()`). */
export function createApp(deps: AppDeps, options: AppOptions = {}): Hono {
  const app = new Hono();
  const maxSize = options.maxBodyBytes ?? 2 * 1024 * 1024;

  app.onError((error, c) => errorResponse(error, c, deps.log));
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));

  const limit = bodyLimit(maxSize);
  app.use('/webhooks/*', limit);
  app.use('/api/*', limit);

  // Every /api route checks the caller's role (auth/policy.ts) when sign-in is on.
  if (deps.auth?.enabled) app.use('/api/*', authorize(deps.auth));

  // Writes are group-committed: answer a change only once it is on disk.
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') await deps.store.durable();
  });

  app.get('/health', (c) => {
    deps.store.flows.list();
    return c.json({ status: 'ok', publishedFlows: deps.store.flows.active().length });
  });

  app.get('/api/blocks', (c) =>
    c.json({
      blocks: Object.values(blocks).map(({ type, version, label, category, icon, description, configSchema, defaultConfig, ports, trigger, waits }) => ({
        type, version, label, category, icon, description, configSchema, defaultConfig, ports, trigger: trigger ?? null, waits: waits ?? false,
      })),
    }),
  );

  const runs = runRoutes(deps);
  const signIn = authRoutes(deps);
  app.route('/api/auth', signIn.auth);
  app.route('/api/users', signIn.users);
  app.route('/api/flows', flowRoutes(deps));
  app.route('/api/resources', resourceRoutes(deps));
  app.route('/api/flags', flagRoutes(deps));
  app.route('/api/messages', messageRoutes(deps));
  app.route('/api/interactions', runs.interactions);
  app.route('/api', agentRoutes(deps));
  app.route('/api', workRoutes(deps));
  app.route('/api/executions', runs.executions);
  app.route('/api/outbox', runs.outbox);
  app.route('/webhooks', webhookRoutes(deps, options.webhooks ?? webhookAdapters));

  if (options.designerDir && existsSync(options.designerDir)) {
    const root = relative(process.cwd(), options.designerDir) || '.';
    app.use('/*', serveStatic({ root }));
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }
  return app;
}
