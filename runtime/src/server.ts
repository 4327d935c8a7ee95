import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { AcdService } from './acd/service.ts';
import { createApp } from './app.ts';
import { AuthService, type AuthOptions } from './auth/service.ts';
import { seedFromFolder } from './deploy/seed.ts';
import { Engine } from './engine/engine.ts';
import { OutboxDispatcher, type SenderRegistry } from './outbox/dispatcher.ts';
import { openStore } from './store/index.ts';
import type { WebhookAdapter } from './channels/types.ts';
import { platformSenders } from './channels/senders.ts';
import type { Store } from './store/types.ts';

export interface RuntimeOptions {
  /** SQLite file, or ':memory:'. */
  database: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Deployment folder loaded into the store at start (sample flows). */
  seed?: string;
  designerDir?: string;
  senders?: SenderRegistry;
  /** Platform webhooks to serve; all of them when absent. */
  webhooks?: readonly WebhookAdapter[];
  backoff?: { baseMs: number; maxMs: number };
  /** How long one platform call may take before it counts as a failed attempt. */
  sendTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Worker threads that run flows for POST /api/messages beside the thread that keeps the store (0: none; `serve` uses 1). */
  engineWorkers?: number;
  quiet?: boolean;
  /** The clock flows see (tests pin it; production uses the system clock). */
  now?: () => Date;
  /** The ACD's settings: how long an offer stays open, and its clock (epoch ms; the system clock by default). */
  /** Sign-in with tokens and roles; off unless enabled (then every /api route checks the role). The CLI's `serve` enables it. */
  auth?: AuthOptions;
  acd?: { offerTimeoutMs?: number; subscriptionWindowMs?: number; now?: () => number };
}

export interface Runtime {
  app: Hono;
  store: Store;
  engine: Engine;
  dispatcher: OutboxDispatcher;
  acd: AcdService;
  auth: AuthService;
  server?: ServerType;
  url?: string;
  close(): Promise<void>;
}

/** Wires store, engine, outbox and HTTP together. `listen: false` gives the app alone (for `app.request()`). */
export async function startRuntime(options: RuntimeOptions, listen = true): Promise<Runtime> {
  if (options.database !== ':memory:') mkdirSync(join(options.database, '..'), { recursive: true });
  const log = (message: string, fields?: Record<string, unknown>) => {
    if (!options.quiet) console.error(JSON.stringify({ time: new Date().toISOString(), message, ...fields }));
  };
  const store = openStore(options.database, { log });
  if (options.seed) {
    const seeded = seedFromFolder(store, options.seed);
    for (const problem of seeded.problems) log('sample deployment problem', { problem });
    if (seeded.flows + seeded.resources > 0) log('loaded sample deployment', { flows: seeded.flows, resources: seeded.resources });
  }
  const auth = new AuthService(store, options.auth ?? { enabled: false });
  if (auth.enabled) {
    const admin = auth.bootstrapAdmin(options.auth?.adminPassword);
    // On stdout, once: the only way to the first sign-in.
    if (admin && !options.quiet) {
      console.log(
        admin.generated
          ? `switchyard: created user "${admin.username}" with password ${admin.password} (sign in and change it: POST /api/auth/password; it is not shown again)`
          : `switchyard: created user "${admin.username}" with the password from SWITCHYARD_ADMIN_PASSWORD`,
      );
    }
    const agents = options.auth?.agentPassword ? auth.ensureAgentUsers(options.auth.agentPassword) : [];
    if (agents.length > 0) log('created agent users with the shared agent password', { users: agents });
  }
  let dispatcher: OutboxDispatcher | undefined;
  const acd = new AcdService({ store, log, ...options.acd });
  const engine = new Engine({
    store,
    log,
    now: options.now,
    onActionsQueued: () => dispatcher?.kick(),
    onInteractionQueued: (interaction) => acd.interactionQueued(interaction),
    workers: options.engineWorkers ?? 0,
  });
  // Before recovering runs, so interactions their commits route reach the ACD.
  acd.start();
  dispatcher = new OutboxDispatcher({
    store,
    senders: options.senders ?? platformSenders(store),
    backoff: options.backoff,
    timeoutMs: options.sendTimeoutMs,
    log,
    onSettled: (item, outcome, reason) => engine.resume(`outbox:${item.id}`, outcome, reason),
  });
  const recovered = await engine.recover();
  if (recovered > 0) log('recovered runs after a restart', { recovered });
  dispatcher.start();
  const app = createApp({ store, engine, dispatcher, acd, auth, log, ...(options.now && { now: options.now }) }, { designerDir: options.designerDir, maxBodyBytes: options.maxBodyBytes, webhooks: options.webhooks });

  let server: ServerType | undefined;
  let url: string | undefined;
  if (listen) {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: options.host ?? '127.0.0.1', port: options.port ?? 8080 }, (info: AddressInfo) => {
        url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
        resolve();
      });
    });
    log('switchyard is listening', { url, engineWorkers: options.engineWorkers ?? 0 });
  }
  const close = async () => {
    await new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      // Keep-alive connections would hold close() open for seconds.
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
    await dispatcher!.stop();
    await engine.close();
    acd.stop();
    store.close();
  };
  return { app, store, engine, dispatcher, acd, auth, server, url, close };
}
