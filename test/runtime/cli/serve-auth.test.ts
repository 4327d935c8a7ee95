import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const BIN = join(root, 'bin', 'switchyard.js');

/** The environment without any sign-in settings of the machine running the tests. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['SWITCHYARD_AUTH', 'SWITCHYARD_ADMIN_PASSWORD', 'SWITCHYARD_AGENT_PASSWORD']) delete env[name];
  return { ...env, ...extra };
}

interface Served {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
}

function serve(dataDir: string, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir, '--seed', join(root, 'flows')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(env),
  });
  let output = '';
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, stdout: () => output, stderr: () => errors });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}${errors}`)));
  });
}

function stop(served: Served): Promise<void> {
  return new Promise((resolve) => {
    if (served.child.exitCode !== null) return resolve();
    served.child.once('exit', () => resolve());
    served.child.kill('SIGTERM');
  });
}

async function login(url: string, username: string, password: string): Promise<{ status: number; token?: string; user?: { agentId?: string } }> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const json = (await response.json()) as { token?: string; user?: { agentId?: string } };
  return { status: response.status, ...json };
}

describe('switchyard serve: sign-in', () => {
  const running: Served[] = [];
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-serve-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (dir: string, env?: Record<string, string>) => {
    const served = await serve(dir, env);
    running.push(served);
    return served;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map(stop));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is on by default: the first start prints a random admin password once, and the API wants a token', async () => {
    const dir = dataDir();
    const first = await start(dir);
    const match = /created user "admin" with password (\S+)/.exec(first.stdout());
    expect(match).not.toBeNull();
    const password = match![1]!;

    expect((await fetch(`${first.url}/api/flows`)).status).toBe(401);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
    expect((await login(first.url, 'admin', 'not the password')).status).toBe(401);
    const session = await login(first.url, 'admin', password);
    expect(session.status).toBe(200);
    expect((await fetch(`${first.url}/api/flows`, { headers: { authorization: `Bearer ${session.token}` } })).status).toBe(200);
    await stop(first);

    // A restart on the same data creates and prints nothing; the password still works.
    const second = await start(dir);
    expect(second.stdout()).not.toContain('created user');
    expect((await login(second.url, 'admin', password)).status).toBe(200);
  }, 30_000);

  it('takes the admin password from SWITCHYARD_ADMIN_PASSWORD without printing it, and gives the sample agents SWITCHYARD_AGENT_PASSWORD', async () => {
    const served = await start(dataDir(), { SWITCHYARD_ADMIN_PASSWORD: 'admin-secret-1', SWITCHYARD_AGENT_PASSWORD: 'agent-secret-1' });
    expect(served.stdout()).toContain('password from SWITCHYARD_ADMIN_PASSWORD');
    expect(served.stdout()).not.toContain('admin-secret-1');
    expect((await login(served.url, 'admin', 'admin-secret-1')).status).toBe(200);
    const alice = await login(served.url, 'alice', 'agent-secret-1');
    expect(alice.status).toBe(200);
    expect(alice.user?.agentId).toBe('alice');
    expect((await login(served.url, 'bob', 'agent-secret-1')).user?.agentId).toBe('bob');
    // An agent is not an admin.
    expect((await fetch(`${served.url}/api/users`, { headers: { authorization: `Bearer ${alice.token}` } })).status).toBe(403);
  }, 30_000);

  it('takes an empty setting as unset: SWITCHYARD_AUTH= is the default (on), an empty port or worker count the default', async () => {
    const served = await start(dataDir(), { SWITCHYARD_AUTH: '', SWITCHYARD_ENGINE_WORKERS: '', SWITCHYARD_HOST: ' ' });
    expect(served.stdout()).toContain('admin');
    expect((await fetch(`${served.url}/api/flows`)).status).toBe(401);
    // The runtime's log (stderr) says so before the "running at" line; the pipes may deliver out of order.
    for (let tries = 0; tries < 50 && !served.stderr().includes('switchyard is listening'); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(served.stderr()).toContain('"engineWorkers":1');
  });

  it('is off with SWITCHYARD_AUTH=off: every route open, no user created', async () => {
    const served = await start(dataDir(), { SWITCHYARD_AUTH: 'off' });
    expect(served.stdout()).not.toContain('created user');
    expect((await fetch(`${served.url}/api/flows`)).status).toBe(200);
  }, 30_000);

  it('refuses an unknown SWITCHYARD_AUTH value or a short password as a usage error (exit 2)', () => {
    const bogus = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir()], { cwd: root, encoding: 'utf8', env: cleanEnv({ SWITCHYARD_AUTH: 'maybe' }) });
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain('SWITCHYARD_AUTH must be "on" or "off"');
    const short = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir()], { cwd: root, encoding: 'utf8', env: cleanEnv({ SWITCHYARD_ADMIN_PASSWORD: 'short' }) });
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('SWITCHYARD_ADMIN_PASSWORD must be at least 8 characters');
  });
});
