import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

/**
 * Drives the real server over HTTP: 50 connections injecting messages into
 * the social-care flow through POST /api/messages. Authors come from a pool
 * (the first message of each creates a contact, later ones reuse it); texts
 * mix keyword matches and misses. Prints messages/s and p50/p99 latency.
 */
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 15);
const AUTHORS = 5000;

const TEXTS = [
  'My invoice is wrong, I was charged twice',
  'The app keeps crashing when I log in',
  'Just wanted to say thanks, great service!',
  'Where is my order? It is late',
  'hello',
  'refund please, the payment failed',
  'Is there an outage? Nothing loads',
  'Nice new logo',
];

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=32', 'bin/switchyard.js', 'serve', '--port', '0', '--data', dataDir, '--seed', 'flows'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', SWITCHYARD_AUTH: 'off' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1] });
    });
    child.stderr!.resume();
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

let sequence = 0;
function nextMessage(): string {
  sequence++;
  const author = sequence % AUTHORS;
  const facebook = sequence % 4 === 0;
  const text = TEXTS[sequence % TEXTS.length];
  return JSON.stringify(
    facebook
      ? {
          channel: 'facebook', visibility: 'public', kind: 'comment', account: 'acme-facebook',
          author: { id: `fb-${author}`, name: `Customer ${author}` }, text,
          replyTarget: { kind: 'comment', id: `c-${sequence}` }, platformMessageId: `bench-fb-${process.pid}-${sequence}`,
        }
      : {
          channel: 'twitter', visibility: sequence % 7 === 0 ? 'private' : 'public', kind: sequence % 7 === 0 ? 'dm' : 'mention', account: 'acme-twitter',
          author: { id: `tw-${author}`, handle: `customer${author}`, name: `Customer ${author}` }, text: `@AcmeCare ${text}`,
          replyTarget: { kind: 'tweet', id: `t-${sequence}` }, platformMessageId: `bench-tw-${process.pid}-${sequence}`,
        },
  );
}

async function load(url: string, seconds: number) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: nextMessage() }),
      },
    ],
  });
}

export async function engineBench(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const { child, url } = await startServer(dataDir);
  try {
    // Open around the clock so every message takes the full routing path, whatever time the bench runs.
    const open = [{ from: '00:00', to: '24:00' }];
    const schedule = { kind: 'schedule', id: 'care-hours', name: 'Open around the clock (bench)', timeZone: 'Europe/London',
      weekly: { mon: open, tue: open, wed: open, thu: open, fri: open, sat: open, sun: open } };
    const put = await fetch(`${url}/api/resources/schedule/care-hours`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(schedule) });
    if (!put.ok) throw new Error(`could not open the schedule: ${await put.text()}`);

    await load(url, 3); // warm-up: JIT, statement caches, first contacts
    const result = await load(url, DURATION_S);
    const ok = result['2xx'];
    const rate = Math.round(ok / DURATION_S);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));

    const db = new Database(join(dataDir, 'switchyard.db'), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const executions = count('SELECT count(*) AS n FROM executions');
    const steps = count('SELECT coalesce(sum(json_array_length(steps)), 0) AS n FROM executions');
    const contacts = count('SELECT count(*) AS n FROM contacts');
    const running = count("SELECT count(*) AS n FROM executions WHERE status = 'running'");
    db.close();

    console.log(`engine: ${CONNECTIONS} connections, ${DURATION_S} s: ${ok} messages accepted, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    console.log(`engine: store holds ${executions} executions, ${steps} steps (${(steps / Math.max(executions, 1)).toFixed(1)} a run), ${contacts} contacts, ${running} left running`);
    console.log(`engine: latency p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    return `engine: ${rate} msg/s p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms`;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
