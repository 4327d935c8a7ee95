import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
// With the flags given here, `serve` runs in this very process (not relaunched): its CPU is read from /proc.
import { SERVE_NODE_FLAGS } from '../../bin/serve-flags.js';

/**
 * Drives the real server over HTTP: 50 connections injecting messages into
 * the social-care flow through POST /api/messages. Authors come from a pool
 * (the first message of each creates a contact, later ones reuse it); texts
 * mix keyword matches and misses. Prints messages/s and p50/p99 latency.
 *
 * The load comes from wrk (Debian's `wrk`) when it is installed, else from
 * autocannon; `BENCH_LOAD=autocannon` or `wrk` picks one. Both keep 50
 * connections busy, one request at a time each. They differ in what they cost
 * the machine the server shares: autocannon ≈ 70 µs of CPU a request, wrk
 * ≈ 14 µs (measured here), on a 2-core machine where a message costs the
 * server ≈ 600 µs.
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
  const child = spawn(process.execPath, [...SERVE_NODE_FLAGS, 'bin/switchyard.js', 'serve', '--port', '0', '--data', dataDir, '--seed', 'flows'], {
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

interface LoadResult {
  generator: 'wrk' | 'autocannon';
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p90: number; p99: number; max: number };
}

/** Whether `wrk` runs from the PATH, where the bench will look for it (it answers `--version` with its usage). */
function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

function generator(): LoadResult['generator'] {
  const chosen = process.env.BENCH_LOAD;
  if (chosen === 'wrk' || chosen === 'autocannon') return chosen;
  if (chosen) throw new Error(`BENCH_LOAD must be "wrk" or "autocannon", not "${chosen}"`);
  return hasWrk() ? 'wrk' : 'autocannon';
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

let wrkRuns = 0;
function loadWithWrk(url: string, seconds: number): Promise<LoadResult> {
  const script = join(import.meta.dirname, 'messages.lua');
  const env = { ...process.env, BENCH_RUN: `${process.pid}-${++wrkRuns}`, BENCH_TEXTS: TEXTS.join('\n'), BENCH_AUTHORS: String(AUTHORS) };
  return new Promise((resolve, reject) => {
    execFile('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, url], { env }, (error, stdout) => {
      if (error) return reject(error);
      const line = stdout.split('\n').find((text) => text.startsWith('{"requests"'));
      if (!line) return reject(new Error(`wrk printed no figures: ${stdout}`));
      const figures = JSON.parse(line) as { requests: number; non2xx: number; errors: number; timeouts: number; p50: number; p90: number; p99: number; max: number };
      resolve({
        generator: 'wrk',
        ok: figures.requests - figures.non2xx,
        non2xx: figures.non2xx,
        errors: figures.errors,
        timeouts: figures.timeouts,
        latency: { p50: tenths(figures.p50), p90: tenths(figures.p90), p99: tenths(figures.p99), max: tenths(figures.max) },
      });
    });
  });
}

async function load(url: string, seconds: number): Promise<LoadResult> {
  if (generator() === 'wrk') return loadWithWrk(url, seconds);
  const result = await autocannon({
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
  return { generator: 'autocannon', ok: result['2xx'], non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, latency: result.latency };
}

/** CPU time (all threads) a process has used so far, in µs; undefined where /proc is missing. */
function cpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime, in clock ticks of 10 ms
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
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
    const cpuBefore = cpuMicros(child.pid);
    const result = await load(url, DURATION_S);
    const cpuAfter = cpuMicros(child.pid);
    const ok = result.ok;
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

    const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? `, server CPU ${Math.round((cpuAfter - cpuBefore) / Math.max(ok, 1))} µs a message (all threads)` : '';
    console.log(`engine: load from ${result.generator}, ${CONNECTIONS} connections, ${DURATION_S} s: ${ok} messages accepted, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts${cpu}`);
    console.log(`engine: store holds ${executions} executions, ${steps} steps (${(steps / Math.max(executions, 1)).toFixed(1)} a run), ${contacts} contacts, ${running} left running`);
    console.log(`engine: latency p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    return `engine: ${rate} msg/s p50 ${Math.round(result.latency.p50)} ms p99 ${Math.round(result.latency.p99)} ms`;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
