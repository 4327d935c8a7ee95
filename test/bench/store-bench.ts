/**
 * How many runs per second the SQLite store persists: each run is a `start`
 * (message + execution) and a `commit` with 6 steps, one reply in the outbox
 * and a new interaction, against a WAL file in a temp folder.
 *
 *   node --import tsx test/bench/store-bench.ts [runs] [uuid|ordered]
 *
 * `uuid` (the default) makes ids with randomUUID, so every index keyed by an
 * id takes its insert on a random page; `ordered` makes time-ordered ids
 * (UUIDv7-style), which append at the end of those indexes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Step, StoredMessage } from '../../runtime/src/engine/types.ts';
import { openStore, type RunCommit } from '../../runtime/src/store/index.ts';

const runs = Number(process.argv[2] ?? 20_000);
const idKind = process.argv[3] === 'ordered' ? 'ordered' : 'uuid';
let counter = 0;

/** 48-bit milliseconds, a counter, then randomness, formatted like a UUID. */
function orderedId(): string {
  const hex = Date.now().toString(16).padStart(12, '0') + (counter++ & 0xffff).toString(16).padStart(4, '0') + randomBytes(8).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const newId = idKind === 'ordered' ? orderedId : randomUUID;
const epoch = Date.parse('2026-03-02T10:00:00.000Z');
const BLOCKS = ['trigger', 'contact-lookup', 'keyword-router', 'operating-hours', 'auto-reply', 'queue'];

function message(n: number): StoredMessage {
  return {
    id: newId(),
    channel: 'twitter',
    visibility: 'public',
    kind: 'mention',
    account: 'acme-twitter',
    author: { id: `user-${n % 5000}`, handle: `user${n % 5000}` },
    text: `@acme my order ${n} never arrived, I want a refund`,
    platformMessageId: `tweet-${n}`,
    receivedAt: new Date(epoch + n).toISOString(),
  };
}

function commit(executionId: string, m: StoredMessage): RunCommit {
  const at = m.receivedAt;
  const steps: Step[] = BLOCKS.map((blockType, i) => ({
    seq: i + 1,
    nodeId: `${blockType}-1`,
    blockType,
    port: i === BLOCKS.length - 1 ? null : 'out',
    reason: `${blockType} took the usual path`,
    startedAt: at,
    durationMs: 0.05,
    details: { matched: 'refund' },
  }));
  return {
    executionId,
    messageId: m.id,
    status: 'completed',
    steps,
    actions: [
      {
        id: newId(),
        action: 'reply',
        channel: 'twitter',
        account: 'acme-twitter',
        visibility: 'public',
        text: 'Sorry about that, we are looking into it.',
        target: { messageId: m.id, platformMessageId: m.platformMessageId, authorId: m.author.id },
        retryForSeconds: 3600,
      },
    ],
    interaction: {
      record: {
        id: newId(),
        channel: 'twitter',
        account: 'acme-twitter',
        visibility: 'public',
        flowId: 'care',
        flowVersion: 1,
        state: 'queued',
        queue: 'general',
        skills: [{ skill: 'english', level: 2 }],
        priority: 5,
        attributes: {},
      },
    },
    at,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
const store = openStore(join(dir, 'bench.db'));
try {
  let startMs = 0;
  let commitMs = 0;
  const cpuBefore = process.cpuUsage();
  const begin = performance.now();
  for (let n = 0; n < runs; n++) {
    const m = message(n);
    const executionId = newId();
    const t0 = performance.now();
    store.executions.start(m, { id: executionId, flowId: 'care', flowVersion: 1 });
    const t1 = performance.now();
    store.executions.commit(commit(executionId, m));
    commitMs += performance.now() - t1;
    startMs += t1 - t0;
  }
  const seconds = (performance.now() - begin) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(`${runs} runs (start + commit of 6 steps, 1 outbox item, 1 interaction), ${idKind} ids, in ${seconds.toFixed(2)} s`);
  console.log(`  ${Math.round(runs / seconds)} commits/s  (start ${((startMs * 1000) / runs).toFixed(0)} µs, commit ${((commitMs * 1000) / runs).toFixed(0)} µs per run)`);
  console.log(`  CPU per run: ${(cpu.user / runs).toFixed(0)} µs user, ${(cpu.system / runs).toFixed(0)} µs system (the rest of the wall time is waiting on disk or scheduler)`);
  const reads = performance.now();
  const page = store.executions.list({ flowId: 'care', limit: 100 });
  console.log(`  a page of ${page.length} runs with their steps: ${(performance.now() - reads).toFixed(1)} ms`);
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
