import { afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActionSender, SendResult, SenderRegistry } from '../../runtime/src/outbox/dispatcher.ts';
import { startRuntime, type Runtime } from '../../runtime/src/server.ts';
import type { ExecutionRecord, InteractionRecord, MessageRecord, OutboxRecord, Store } from '../../runtime/src/store/types.ts';
import { CHANNELS, type Channel, type InboundMessage } from '../../schemas/message.ts';

/**
 * The sample deployment, run for real: `startRuntime` on a SQLite file in a
 * temp dir, seeded from `flows/`, listening on 127.0.0.1 with a free port.
 * Tests talk to it over HTTP only (`fetch`), like a channel adapter and a
 * supervisor's screen would.
 */

export const SAMPLE_DEPLOYMENT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'flows');
export const SAMPLE_FLOWS = ['brand-engagement', 'messaging-continuity', 'messenger-care', 'personalized-routing', 'social-care'];

/**
 * The clock the flows see. Tests set it to an instant ("Tuesday 10:00 in
 * London"); from there it runs at real speed, so retries and backoff delays
 * still come due. Runs take milliseconds: pick instants away from opening-hours edges.
 */
export class TestClock {
  private base = 0;
  private setAt = 0;

  constructor(at: string) {
    this.set(at);
  }

  set(at: string): void {
    const time = Date.parse(at);
    if (Number.isNaN(time)) throw new Error(`not a date: ${at}`);
    this.base = time;
    this.setAt = performance.now();
  }

  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms).toISOString());
  }

  readonly now = (): Date => new Date(this.base + (performance.now() - this.setAt));
}

/** A platform adapter stand-in: records what it was asked to send and answers from a script (the last answer repeats). */
export class RecordingSender implements ActionSender {
  readonly calls: OutboxRecord[] = [];

  constructor(private readonly script: SendResult[] = [{ ok: true }]) {}

  async send(item: OutboxRecord): Promise<SendResult> {
    const answer = this.script[Math.min(this.calls.length, this.script.length - 1)]!;
    this.calls.push(item);
    return answer.ok ? { ok: true, platformResultId: answer.platformResultId ?? `platform-${item.action}-${this.calls.length}` } : answer;
  }
}

export type Execution = ExecutionRecord;
export type Interaction = InteractionRecord;
export type OutboxItem = OutboxRecord;

/** What `POST /api/messages` answers. */
export interface Received {
  status: 'completed' | 'waiting' | 'failed' | 'unmatched' | 'duplicate' | 'no-flow';
  messageId?: string;
  executionId?: string;
  interactionId?: string;
  flow?: { id: string; version: number };
  steps: Execution['steps'];
  error?: string;
}

export interface StartOptions {
  /** Where the clock starts (ISO instant). */
  at: string;
  /** Per-channel scripts of send results; every channel not listed gets a sender that always succeeds. */
  scripts?: Partial<Record<Channel, SendResult[]>>;
  backoff?: { baseMs: number; maxMs: number };
  /** Worker threads for the flows, as `serve` runs them (1 unless a test says otherwise). */
  engineWorkers?: number;
}

export interface Switchyard {
  url: string;
  clock: TestClock;
  senders: Record<Channel, RecordingSender>;
  /**
   * The server's own store, only to set up what no API can set yet (a
   * contact's segment comes from a CRM, not from messages). Tests read and
   * assert over HTTP.
   */
  store: Store;
  /** `POST /api/messages`; fails the test unless the server answers 200. */
  send(message: InboundMessage): Promise<Received>;
  request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
  get<T = Record<string, unknown>>(path: string): Promise<T>;
  execution(id: string): Promise<Execution>;
  /** Polls `GET /api/executions/:id` until the run is completed or failed (waiting runs resume once the outbox settles). */
  settled(id: string, timeoutMs?: number): Promise<Execution>;
  interaction(id: string): Promise<{ interaction: Interaction; messages: MessageRecord[] }>;
  outbox(query?: Record<string, string>): Promise<OutboxItem[]>;
  close(): Promise<void>;
}

/** The path of a run as [node, port] pairs; a waiting step has port null. */
export function pathOf(execution: Pick<Execution, 'steps'>): Array<[string, string | null]> {
  return execution.steps.map((step) => [step.nodeId, step.port]);
}

/** The nodes a run went through, in order, each once (a waiting block appears twice in the steps: the pause and the resume). */
export function nodesOf(execution: Pick<Execution, 'steps'>): string[] {
  return execution.steps.map((step) => step.nodeId).filter((node, index, nodes) => nodes[index - 1] !== node);
}

/** Polls `read` until it returns something other than undefined; bounded, so a stuck run fails the test with `describe()`. */
export async function eventually<T>(read: () => Promise<T | undefined>, describe: () => Promise<string> | string, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not settled within ${timeoutMs} ms: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 50);
  }
}

export async function startSwitchyard(options: StartOptions): Promise<Switchyard> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-flows-'));
  const clock = new TestClock(options.at);
  const senders = Object.fromEntries(CHANNELS.map((channel) => [channel, new RecordingSender(options.scripts?.[channel])])) as Record<
    Channel,
    RecordingSender
  >;
  let runtime: Runtime;
  try {
    runtime = await startRuntime({
      database: join(dir, 'switchyard.db'),
      host: '127.0.0.1',
      port: 0,
      seed: SAMPLE_DEPLOYMENT,
      quiet: true,
      now: clock.now,
      senders: senders satisfies SenderRegistry,
      engineWorkers: options.engineWorkers ?? 1,
      ...(options.backoff && { backoff: options.backoff }),
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = runtime.url!;
  const close = async () => {
    try {
      await runtime.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  const request = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as T };
  };
  const get = async <T>(path: string): Promise<T> => {
    const { status, json } = await request<T>('GET', path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(json)}`);
    return json;
  };
  const execution = async (id: string) => (await get<{ execution: Execution }>(`/api/executions/${encodeURIComponent(id)}`)).execution;

  const server: Switchyard = {
    url,
    clock,
    senders,
    store: runtime.store,
    request,
    get,
    execution,
    async send(message) {
      const { status, json } = await request<Received>('POST', '/api/messages', message);
      if (status !== 200) throw new Error(`POST /api/messages answered ${status}: ${JSON.stringify(json)}`);
      return json;
    },
    async settled(id, timeoutMs) {
      let last: Execution | undefined;
      return eventually(
        async () => {
          last = await execution(id);
          return last.status === 'completed' || last.status === 'failed' ? last : undefined;
        },
        async () => {
          const items = await server.outbox({ execution: id });
          return `execution ${id} is still ${last?.status}; path ${JSON.stringify(last && pathOf(last))}; outbox ${JSON.stringify(
            items.map(({ action, status, attempts, nextAttemptAt, deadlineAt, lastError }) => ({ action, status, attempts, nextAttemptAt, deadlineAt, lastError })),
          )}`;
        },
        timeoutMs,
      );
    },
    interaction: (id) => get(`/api/interactions/${encodeURIComponent(id)}`),
    async outbox(query = {}) {
      const search = new URLSearchParams(query).toString();
      return (await get<{ items: OutboxItem[] }>(`/api/outbox${search ? `?${search}` : ''}`)).items;
    },
    close,
  };

  // The sample deployment must have loaded whole: a flow with a problem is not published (and the seed only logs it).
  try {
    const health = await get<{ status: string; publishedFlows: number }>('/health');
    const { flows } = await get<{ flows: Array<{ id: string; activeVersion: number | null }> }>('/api/flows');
    const published = flows.filter((flow) => flow.activeVersion !== null).map((flow) => flow.id).sort();
    if (health.publishedFlows !== SAMPLE_FLOWS.length || published.join() !== SAMPLE_FLOWS.join()) {
      throw new Error(`the sample deployment did not publish every flow: published ${published.join(', ') || 'none'}; run \`npx switchyard validate flows/\``);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return server;
}

/** Registers an afterEach that closes what the returned `start` started, so every test gets its own server whatever its outcome. */
export function switchyardPerTest(): (options: StartOptions) => Promise<Switchyard> {
  let running: Switchyard | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return async (options) => (running = await startSwitchyard(options));
}
