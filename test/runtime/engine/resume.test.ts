import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionSender, SendResult } from '../../../runtime/src/outbox/dispatcher.ts';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { accounts, replyFlow, tweet } from './fixtures.ts';

/** A sender that answers from a script: failures first, then success. */
function scriptedSender(script: SendResult[]): ActionSender & { calls: number } {
  const sender = {
    calls: 0,
    async send(): Promise<SendResult> {
      const result = script[Math.min(sender.calls, script.length - 1)];
      sender.calls++;
      return result;
    },
  };
  return sender;
}

async function eventually<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const failure: SendResult = { ok: false, error: 'HTTP 500 from the platform' };

describe('waiting runs', () => {
  let dir: string;
  let runtimes: Runtime[] = [];
  const start = async (sender: ActionSender, backoff = { baseMs: 20, maxMs: 40 }) => {
    const runtime = await startRuntime({ database: join(dir, 'switchyard.db'), quiet: true, senders: { twitter: sender }, backoff }, false);
    runtimes.push(runtime);
    return runtime;
  };
  const setUp = async (runtime: Runtime, retryForSeconds: number) => {
    for (const account of accounts) runtime.store.resources.put(account);
    runtime.store.flows.create(replyFlow(retryForSeconds));
    runtime.store.flows.publish('reply', replyFlow(retryForSeconds), 'test');
    runtime.engine.reloadFlows();
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-resume-'));
    runtimes = [];
  });
  afterEach(async () => {
    for (const runtime of runtimes) await runtime.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('pause on the reply, retry failures with backoff, and go on by "sent" once delivered', async () => {
    const sender = scriptedSender([failure, failure, { ok: true, platformResultId: 'tweet-99' }]);
    const runtime = await start(sender);
    await setUp(runtime, 60);
    const outcome = await runtime.engine.receive(tweet('hello', 'r-1'));
    expect(outcome.status).toBe('waiting');
    const done = await eventually(() => {
      const execution = runtime.store.executions.get(outcome.executionId!);
      return execution?.status === 'completed' ? execution : undefined;
    });
    expect(sender.calls).toBe(3);
    expect(done.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['start', 'mention'],
      ['reply', null],
      ['reply', 'sent'],
      ['ok', 'out'],
      ['done', 'end'],
    ]);
    expect(done.steps[2].reason).toMatch(/attempt 3/);
    const [item] = runtime.store.outbox.list({ executionId: outcome.executionId });
    expect(item).toMatchObject({ status: 'sent', attempts: 3, text: 'Thanks @user42!' });
    expect(runtime.store.interactions.get(runtime.store.executions.get(outcome.executionId!)!.interactionId!)?.attributes).toEqual({ outcome: 'sent' });
  });

  it('gives up when the retry duration is over, marks the action dead and goes on by "failed"', async () => {
    const runtime = await start(scriptedSender([failure]), { baseMs: 100, maxMs: 200 });
    await setUp(runtime, 1);
    const outcome = await runtime.engine.receive(tweet('hello', 'r-2'));
    const done = await eventually(() => {
      const execution = runtime.store.executions.get(outcome.executionId!);
      return execution?.status === 'completed' ? execution : undefined;
    });
    expect(done.steps.map((step) => step.port)).toEqual(['mention', null, 'failed', 'out', 'end']);
    expect(done.steps[2].reason).toMatch(/HTTP 500/);
    expect(runtime.store.outbox.list({ status: 'dead' })).toHaveLength(1);
  });

  it('survives a restart while waiting on a retry timer, and resumes from the stored snapshot', async () => {
    const first = await start(scriptedSender([failure]), { baseMs: 300, maxMs: 300 });
    await setUp(first, 60);
    const outcome = await first.engine.receive(tweet('hello', 'r-3'));
    await eventually(() => (first.store.outbox.list({ executionId: outcome.executionId })[0]?.attempts ?? 0) >= 1 || undefined);
    await first.close();
    runtimes = [];

    const sender = scriptedSender([{ ok: true }]);
    const second = await start(sender);
    const done = await eventually(() => {
      const execution = second.store.executions.get(outcome.executionId!);
      return execution?.status === 'completed' ? execution : undefined;
    });
    expect(sender.calls).toBe(1);
    expect(done.steps.map((step) => [step.seq, step.nodeId, step.port])).toEqual([
      [0, 'start', 'mention'],
      [1, 'reply', null],
      [2, 'reply', 'sent'],
      [3, 'ok', 'out'],
      [4, 'done', 'end'],
    ]);
  });
});
