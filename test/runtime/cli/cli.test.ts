import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'switchyard.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('switchyard CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));
    cpSync(join(root, 'flows'), join(dir, 'flows'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validate: the sample deployment is valid (exit 0)', () => {
    const result = cli('validate', 'flows');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('validate: one line per problem as file: pointer: message, exit 1', () => {
    const broken = join(dir, 'flows', 'social-care.flow.json');
    const flow = JSON.parse(readFileSync(broken, 'utf8'));
    flow.nodes.find((node: { id: string }) => node.id === 'hours').config.schedule = 'weekend-only';
    flow.edges = flow.edges.filter((edge: { from: string; port: string }) => !(edge.from === 'topic' && edge.port === 'default'));
    writeFileSync(broken, JSON.stringify(flow));
    writeFileSync(join(dir, 'flows', 'garbage.json'), '{ not json');
    const result = cli('validate', join(dir, 'flows'));
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/social-care\.flow\.json: \/nodes\/\d+\/config\/schedule: unknown schedule "weekend-only"$/));
    expect(lines).toContainEqual(expect.stringMatching(/social-care\.flow\.json: \/nodes\/\d+: port "default" .* is not connected$/));
    expect(lines).toContainEqual(expect.stringMatching(/garbage\.json: \/: not valid JSON/));
    expect(lines.every((line) => /^.+\.json: \/\S*: .+/.test(line))).toBe(true);
  });

  it('validate: usage errors exit 2', () => {
    expect(cli('validate').code).toBe(2);
    expect(cli('validate', join(dir, 'nowhere')).code).toBe(2);
    expect(cli('frobnicate').code).toBe(2);
  });

  it('simulate: prints the path with the reasons', () => {
    const result = cli(
      'simulate',
      '--flow', join(root, 'flows', 'social-care.flow.json'),
      '--message', join(root, 'test', 'fixtures', 'messages', 'tweet-billing.json'),
      '--at', '2026-03-02T10:00:00Z',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/twitter \(Tweets and DMs to @AcmeCare\) → mention/);
    expect(result.stdout).toMatch(/hours \(Within opening hours\?\) → open: /);
    expect(result.stdout).toMatch(/topic \(What is it about\?\) → billing: .*(charged|invoice)/);
    expect(result.stdout).toMatch(/queue: social-billing/);
    expect(result.stdout).toMatch(/status: completed/);
  });

  it('simulate: at night the same message gets the after-hours reply instead', () => {
    const result = cli(
      'simulate',
      '--flow', join(root, 'flows', 'social-care.flow.json'),
      '--message', join(root, 'test', 'fixtures', 'messages', 'tweet-billing.json'),
      '--at', '2026-03-02T22:30:00Z',
    );
    expect(result.stdout).toMatch(/hours .* → closed/);
    expect(result.stdout).toMatch(/reply \(public\) on twitter\/acme-twitter "Thanks for getting in touch, Jane Doe/);
    expect(result.stdout).not.toMatch(/queue:/);
  });
});

const shared = join(root, '..', 'shared', 'channels');

describe.skipIf(!existsSync(shared))('switchyard normalize (payloads from ../shared/channels)', () => {
  it('prints one JSON line a message, ids kept as strings', () => {
    const result = cli('normalize', '--channel', 'whatsapp', join(shared, 'whatsapp', 'batched-duplicate-messages.json'));
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { channel: string; platformMessageId: unknown; author: { id: unknown } });
    expect(lines.length).toBeGreaterThan(0);
    for (const message of lines) {
      expect(message.channel).toBe('whatsapp');
      expect(typeof message.platformMessageId).toBe('string');
      expect(typeof message.author.id).toBe('string');
    }
  });

  it('says what it ignored, and refuses an unknown channel', () => {
    const status = cli('normalize', '--channel', 'whatsapp', join(shared, 'whatsapp', 'status-failed.json'));
    expect(status.code).toBe(0);
    expect(status.stdout).toBe('');
    expect(status.stderr).toMatch(/delivery report/);
    expect(cli('normalize', '--channel', 'myspace', join(shared, 'whatsapp', 'text.json')).code).toBe(2);
  });
});
