import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVE_NODE_FLAGS, missingServeFlags } from '../../../bin/serve-flags.js';

const root = join(import.meta.dirname, '..', '..', '..');
const BIN = join(root, 'bin', 'switchyard.js');

/** The pids and command lines of a process's children (Linux /proc). */
function childrenOf(pid: number): Array<{ pid: number; args: string[] }> {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === pid ? [{ pid: Number(name), args: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean) }] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the Node flags of switchyard serve', () => {
  it('names the flags a command line lacks, and leaves a size the user chose alone', () => {
    expect(missingServeFlags([])).toEqual(SERVE_NODE_FLAGS);
    expect(missingServeFlags(['--inspect', ...SERVE_NODE_FLAGS])).toEqual([]);
    expect(missingServeFlags(['--max-semi-space-size=32'])).toEqual(['--min-semi-space-size=8']);
  });

  it('are on the command line of npm start, so it serves without starting itself again', () => {
    const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(start).toContain(`node ${SERVE_NODE_FLAGS.join(' ')} bin/switchyard.js serve`);
  });
});

describe.runIf(existsSync('/proc/self/stat'))('switchyard serve started without its flags', () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function serve(): Promise<{ parent: ChildProcess; url: string; server: { pid: number; args: string[] } }> {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-flags-'));
    const parent = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SWITCHYARD_AUTH: 'off' },
    });
    child = parent;
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      parent.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      parent.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });
    const [server] = childrenOf(parent.pid!);
    return { parent, url, server: server! };
  }

  it('runs the server in a process started with them, which a SIGTERM to the first one stops', async () => {
    const { parent, url, server } = await serve();
    expect(server.args).toEqual(expect.arrayContaining([...SERVE_NODE_FLAGS, BIN, 'serve']));
    expect((await fetch(`${url}/health`)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => parent.once('exit', (code) => resolve(code)));
    parent.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(`/proc/${server.pid}`)).toBe(false);
  });

  it('stops the server when the first process is killed outright', async () => {
    const { parent, server } = await serve();
    parent.kill('SIGKILL');
    await until(() => !existsSync(`/proc/${server.pid}`) || readFileSync(`/proc/${server.pid}/stat`, 'utf8').includes(') Z '), 'the server to stop');
  });
});
