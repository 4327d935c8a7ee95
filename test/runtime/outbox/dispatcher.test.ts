import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePlatforms, type Fault, type RunningFakePlatforms } from '../../../runtime/src/channels/fake/server.ts';
import { OutboxDispatcher, type ActionSender, type DispatcherOptions } from '../../../runtime/src/outbox/dispatcher.ts';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import type { OutboxRecord } from '../../../runtime/src/store/types.ts';
import { tweetRoutes } from '../channels/fake/routes.ts';
import { accounts, tweet } from '../engine/fixtures.ts';
import { eventually, replyFlow, tweetSender } from './support.ts';

describe('OutboxDispatcher against a fake platform', () => {
  let dir: string;
  let fake: RunningFakePlatforms;
  let runtimes: Runtime[];
  let dispatchers: OutboxDispatcher[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-outbox-'));
    fake = await startFakePlatforms({ port: 0, host: '127.0.0.1', routes: [tweetRoutes] });
    runtimes = [];
    dispatchers = [];
  });
  afterEach(async () => {
    for (const dispatcher of dispatchers) await dispatcher.stop();
    for (const runtime of runtimes) await runtime.close().catch(() => {});
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Faults go through the control API, as an integration test outside the process would queue them. */
  const inject = async (fault: Fault) => {
    const response = await fetch(`${fake.url}/_fake/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
    expect(response.status).toBe(201);
  };

  const start = async (retryForSeconds: number, backoff = { baseMs: 50, maxMs: 100 }, sender: ActionSender = tweetSender(fake.url)) => {
    const runtime = await startRuntime({ database: join(dir, 'switchyard.db'), quiet: true, senders: { twitter: sender }, backoff }, false);
    runtimes.push(runtime);
    for (const account of accounts) runtime.store.resources.put(account);
    runtime.store.flows.create(replyFlow(retryForSeconds));
    runtime.store.flows.publish('reply', replyFlow(retryForSeconds), 'test');
    runtime.engine.reloadFlows();
    return runtime;
  };

  /** Replaces the runtime's dispatcher with one configured by the test (timeouts, several at once). */
  const ownDispatcher = async (runtime: Runtime, options: Partial<DispatcherOptions>) => {
    await runtime.dispatcher.stop();
    const dispatcher = new OutboxDispatcher({
      store: runtime.store,
      senders: { twitter: tweetSender(fake.url) },
      backoff: { baseMs: 20, maxMs: 40 },
      onSettled: (item, outcome, reason) => runtime.engine.resume(`outbox:${item.id}`, outcome, reason),
      log: () => {},
      ...options,
    });
    dispatchers.push(dispatcher);
    dispatcher.start();
    return dispatcher;
  };

  const finished = (runtime: Runtime, executionId: string) =>
    eventually(() => {
      const execution = runtime.store.executions.get(executionId);
      return execution?.status === 'completed' ? execution : undefined;
    });

  const sends = () => fake.requests('twitter').filter((request) => request.path === '/2/tweets');

  it('sends a reply that fails twice with 500 exactly once, and the run goes on by "sent"', async () => {
    await inject({ platform: 'twitter', path: '/2/tweets', kind: 'error', count: 2 });
    const runtime = await start(60);
    const outcome = await runtime.engine.receive(tweet('hello', 't-1'));
    expect(outcome.status).toBe('waiting');
    const done = await finished(runtime, outcome.executionId!);

    expect(sends().map((request) => request.status)).toEqual([500, 500, 201]);
    expect(sends().every((request) => (request.body as { text: string }).text === 'Thanks @user42!')).toBe(true);
    expect(done.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['start', 'mention'],
      ['reply', null],
      ['reply', 'sent'],
      ['ok', 'out'],
      ['done', 'end'],
    ]);
    expect(done.steps[2].reason).toMatch(/attempt 3/);
    const [item] = runtime.store.outbox.list({ executionId: outcome.executionId });
    expect(item).toMatchObject({ status: 'sent', attempts: 3, sendingSince: undefined });
    expect(item.platformResultId).toMatch(/^\d+$/);
    expect(runtime.store.interactions.get(done.interactionId!)).toMatchObject({ attributes: { outcome: 'sent' }, flags: [] });
  });

  it('waits out a 429’s Retry-After before trying again', async () => {
    await inject({ platform: 'twitter', kind: 'rate-limit', count: 1, retryAfterSeconds: 1 });
    // Backoff alone would retry within 20 ms: only Retry-After can hold the second attempt back.
    const runtime = await start(60, { baseMs: 10, maxMs: 20 });
    const outcome = await runtime.engine.receive(tweet('hello', 't-2'));
    await finished(runtime, outcome.executionId!);

    const [limited, retried] = sends();
    expect(sends()).toHaveLength(2);
    expect([limited.status, retried.status]).toEqual([429, 201]);
    const gap = Date.parse(retried.at) - Date.parse(limited.at);
    expect(gap).toBeGreaterThanOrEqual(1000);
    expect(gap).toBeLessThan(3000);
  });

  it('gives up on a reply that never gets through: dead letter, flagged interaction, run goes on by "failed"', async () => {
    await inject({ platform: 'twitter', kind: 'error', count: 1000 });
    const runtime = await start(1, { baseMs: 100, maxMs: 200 });
    const outcome = await runtime.engine.receive(tweet('hello', 't-3'));
    const done = await finished(runtime, outcome.executionId!);

    expect(done.steps.map((step) => step.port)).toEqual(['mention', null, 'failed', 'out', 'end']);
    expect(done.steps[2].reason).toMatch(/^reply failed after \d+ attempt\(s\): HTTP 500 from the platform$/);
    const interaction = runtime.store.interactions.get(done.interactionId!)!;
    expect(interaction.attributes).toEqual({ outcome: 'failed' });
    expect(interaction.flags).toEqual([{ kind: 'action-failed', at: expect.any(String), note: done.steps[2].reason }]);

    const response = await runtime.app.request('/api/outbox?status=dead');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: OutboxRecord[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'dead', lastError: 'HTTP 500 from the platform', executionId: outcome.executionId });
    expect(items[0].attempts).toBeGreaterThanOrEqual(2);
    expect(sends()).toHaveLength(items[0].attempts);
  });

  it('does not retry a permanent failure', async () => {
    await inject({ platform: 'twitter', kind: 'error', status: 403, count: 1 });
    const runtime = await start(60, { baseMs: 10, maxMs: 20 });
    const outcome = await runtime.engine.receive(tweet('hello', 't-4'));
    const done = await finished(runtime, outcome.executionId!);

    expect(sends().map((request) => request.status)).toEqual([403]);
    expect(done.steps[2]).toMatchObject({ port: 'failed', reason: 'reply failed after 1 attempt(s) (not retryable): HTTP 403 from the platform' });
    expect(runtime.store.outbox.list({ status: 'dead' })).toMatchObject([{ attempts: 1, lastError: 'HTTP 403 from the platform' }]);
    expect(runtime.store.interactions.get(done.interactionId!)?.flags).toMatchObject([{ kind: 'action-failed' }]);
  });

  it('counts a platform that never answers as a retryable failure once timeoutMs is over', async () => {
    await inject({ platform: 'twitter', kind: 'timeout', count: 1 });
    const runtime = await start(60);
    await ownDispatcher(runtime, { timeoutMs: 300 });
    const outcome = await runtime.engine.receive(tweet('hello', 't-5'));
    dispatchers[0].kick();
    const done = await finished(runtime, outcome.executionId!);

    const [held, answered] = sends();
    expect([held.fault, answered.status]).toEqual(['timeout', 201]);
    expect(Date.parse(answered.at) - Date.parse(held.at)).toBeGreaterThanOrEqual(300);
    expect(done.steps[2]).toMatchObject({ port: 'sent', reason: 'reply sent on attempt 2' });
    expect(runtime.store.outbox.list({ executionId: outcome.executionId })).toMatchObject([{ status: 'sent', attempts: 2, lastError: 'no answer within 300 ms' }]);
  });

  it('times out a sender that ignores its abort signal', async () => {
    const runtime = await start(60);
    let calls = 0;
    const real = tweetSender(fake.url);
    const stubborn: ActionSender = { send: (item, signal) => (++calls === 1 ? new Promise(() => {}) : real.send(item, signal)) };
    await ownDispatcher(runtime, { timeoutMs: 200, senders: { twitter: stubborn } });
    const outcome = await runtime.engine.receive(tweet('hello', 't-6'));
    dispatchers[0].kick();
    const done = await finished(runtime, outcome.executionId!);
    expect(calls).toBe(2);
    expect(done.steps[2]).toMatchObject({ port: 'sent', reason: 'reply sent on attempt 2' });
  });

  it('never sends an item twice when drains overlap, in one dispatcher or two', async () => {
    await inject({ platform: 'twitter', kind: 'error', count: 3 });
    const runtime = await start(60);
    // Slow sends keep every attempt in flight while the other dispatcher drains.
    const senders = { twitter: tweetSender(fake.url, { delayMs: 60 }) };
    const first = await ownDispatcher(runtime, { senders });
    const second = await ownDispatcher(runtime, { senders });
    const outcomes = [];
    for (let n = 1; n <= 6; n++) outcomes.push(await runtime.engine.receive(tweet('hello', `t-overlap-${n}`, String(100 + n))));
    for (let round = 0; round < 10; round++) {
      first.kick();
      second.kick();
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    for (const outcome of outcomes) await finished(runtime, outcome.executionId!);

    const items = runtime.store.outbox.list({});
    expect(items).toHaveLength(6);
    for (const item of items) {
      const attempts = sends().filter((request) => (request.body as { outbox: string }).outbox === item.id);
      expect(attempts.filter((request) => request.status === 201)).toHaveLength(1);
      // Every request the platform saw was an attempt the outbox counted: none went out twice.
      expect(attempts).toHaveLength(item.attempts);
      expect(item.status).toBe('sent');
    }
    expect(sends().filter((request) => request.status === 500)).toHaveLength(3);
  });
});
