import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHANNELS, type Channel, type InboundMessage } from '../../schemas/message.ts';
import type { Account, Resource } from '../../schemas/resources/index.ts';
import { webhookAdapters } from './channels/registry.ts';
import type { AccountDirectory } from './channels/types.ts';
import { validateMessage } from '../../schemas/validate.ts';
import { checkDeployment } from './deploy/check.ts';
import { loadJsonFiles } from './deploy/load.ts';
import { Engine } from './engine/engine.ts';
import { resourcesFrom } from './engine/services.ts';
import { formatTrace } from './engine/trace.ts';
import type { AuthOptions } from './auth/service.ts';
import { startRuntime } from './server.ts';
import { openStore } from './store/index.ts';

const USAGE = `usage: switchyard <command> [options]

commands:
  validate <files or folders…>           check flows and resources (schema and semantics)
  simulate --flow F --message M [--at T] run a message through a flow file, print the path and why
           [--resources DIR]             resources to use (default: the flow file's folder)
  normalize --channel C <payload.json> [--resources DIR]
                                         print what a webhook payload normalizes to, one JSON line a message
                                         (C: facebook, messenger, twitter, whatsapp, line)
  serve [--port N] [--host H] [--data DIR] [--seed DIR]
                                         run the server (default 127.0.0.1:8080, SQLite under ./data);
                                         sign-in is on unless SWITCHYARD_AUTH=off, see the README

exit codes: 0 valid / ok, 1 invalid / the run failed, 2 usage error`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'simulate':
      return simulate(rest);
    case 'serve':
      return serveCommand(rest);
    case 'normalize':
      return normalize(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function validate(args: string[]): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('validate needs at least one file or folder');
  for (const path of positionals) if (!existsSync(path)) throw new UsageError(`no such file or folder: ${path}`);
  const files = loadJsonFiles(positionals);
  if (files.length === 0) throw new UsageError(`no .json files in ${positionals.join(', ')}`);
  const { problems } = checkDeployment(files);
  for (const problem of problems) {
    const prefix = problem.severity === 'warning' ? 'warning: ' : '';
    console.log(`${problem.file}: ${problem.pointer || '/'}: ${prefix}${problem.message}`);
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  console.error(`${files.length} file(s) checked: ${errors === 0 ? 'all valid' : `${errors} problem(s)`}`);
  return errors === 0 ? 0 : 1;
}

async function simulate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { flow: { type: 'string' }, message: { type: 'string' }, at: { type: 'string' }, resources: { type: 'string' } },
  });
  if (!values.flow || !values.message) throw new UsageError('simulate needs --flow <file> and --message <file>');
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at "${values.at}" is not an ISO date-time`);
  for (const path of [values.flow, values.message]) if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  const resourceDir = values.resources ?? dirname(resolve(values.flow));
  const files = loadJsonFiles([resourceDir]).filter((file) => file.kind === 'resource');
  const flowFile = loadJsonFiles([values.flow]);
  const deployment = checkDeployment([...files, ...flowFile]);
  const flow = deployment.flows.find((candidate) => resolve(candidate.file) === resolve(values.flow!))?.flow;
  if (!flow) {
    for (const problem of deployment.problems.filter((found) => resolve(found.file) === resolve(values.flow!))) {
      console.log(`${problem.file}: ${problem.pointer || '/'}: ${problem.message}`);
    }
    console.error('the flow is not valid: fix it before simulating');
    return 1;
  }
  let message: unknown;
  try {
    message = JSON.parse(readFileSync(values.message, 'utf8'));
  } catch (error) {
    console.log(`${values.message}: /: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const messageProblems = validateMessage(message);
  if (messageProblems.length > 0) {
    for (const problem of messageProblems) console.log(`${values.message}: ${problem.pointer || '/'}: ${problem.message}`);
    return 1;
  }
  const store = openStore(':memory:');
  try {
    const engine = new Engine({ store, now: () => at });
    const outcome = await engine.simulate(flow, message as InboundMessage, { at, resources: resourcesFrom(deployment.resources) });
    console.log(formatTrace(flow, outcome, at));
    return outcome.status === 'failed' ? 1 : 0;
  } finally {
    store.close();
  }
}

function normalize(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { channel: { type: 'string' }, resources: { type: 'string' } } });
  const channel = values.channel;
  if (!channel || !(CHANNELS as readonly string[]).includes(channel)) throw new UsageError(`--channel must be one of ${CHANNELS.join(', ')}`);
  if (positionals.length !== 1) throw new UsageError('normalize needs exactly one payload file');
  const file = positionals[0];
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const adapter = webhookAdapters.find((candidate) => candidate.channels.includes(channel as Channel));
  if (!adapter) throw new UsageError(`no webhook adapter handles ${channel}`);
  let payload: unknown;
  try {
    const raw = readFileSync(file);
    payload = adapter.parse ? adapter.parse(raw) : JSON.parse(raw.toString('utf8'));
  } catch (error) {
    console.error(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const known = values.resources ? loadJsonFiles([values.resources]).filter((loaded) => loaded.kind === 'resource').map((loaded) => loaded.document as Resource) : [];
  const normalized = adapter.normalize(payload, lenientAccounts(known.filter((resource): resource is Account => resource.kind === 'account')));
  for (const message of normalized.messages) console.log(JSON.stringify(message));
  for (const change of normalized.changes) console.error(`change: ${JSON.stringify(change)}`);
  for (const delivery of normalized.deliveries) console.error(`delivery report: ${JSON.stringify(delivery)}`);
  for (const reason of normalized.ignored) console.error(`ignored: ${reason}`);
  return 0;
}

/**
 * Accounts for looking at a payload offline: the given ones where they match,
 * else one named after the platform's id for it, so every item shows.
 */
function lenientAccounts(accounts: Account[]): AccountDirectory {
  return {
    find: (channel, platformId) =>
      accounts.find((account) => account.channel === channel && account.platformId === platformId) ?? {
        kind: 'account',
        id: `${channel}-${platformId}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-').slice(0, 64),
        name: `${channel} ${platformId}`,
        channel,
        platformId,
      },
    of: (channels) => accounts.filter((account) => channels.includes(account.channel)),
    secret: () => undefined,
  };
}

/** An environment setting, trimmed; unset when empty (`FOO= cmd` means "not set", as in most shells' tools). */
function env(name: string): string | undefined {
  return process.env[name]?.trim() || undefined;
}

/** Sign-in is on unless SWITCHYARD_AUTH=off (a developer machine); the first admin and the sample agents' passwords may come from the environment. */
function authFromEnv(): AuthOptions {
  const setting = (env('SWITCHYARD_AUTH') ?? 'on').toLowerCase();
  if (setting !== 'on' && setting !== 'off') throw new UsageError(`SWITCHYARD_AUTH must be "on" or "off", not "${process.env.SWITCHYARD_AUTH}"`);
  // Passwords as given, spaces and all; empty is unset.
  const adminPassword = process.env.SWITCHYARD_ADMIN_PASSWORD || undefined;
  const agentPassword = process.env.SWITCHYARD_AGENT_PASSWORD || undefined;
  for (const [name, value] of [['SWITCHYARD_ADMIN_PASSWORD', adminPassword], ['SWITCHYARD_AGENT_PASSWORD', agentPassword]] as const) {
    if (value !== undefined && value.length < 8) throw new UsageError(`${name} must be at least 8 characters`);
  }
  return { enabled: setting === 'on', ...(adminPassword && { adminPassword }), ...(agentPassword && { agentPassword }) };
}

async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, seed: { type: 'string' } },
  });
  const port = Number(values.port ?? env('SWITCHYARD_PORT') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${values.port}" is not a port number`);
  const dataDir = values.data ?? env('SWITCHYARD_DATA') ?? 'data';
  const engineWorkers = Number(env('SWITCHYARD_ENGINE_WORKERS') ?? 1);
  if (!Number.isInteger(engineWorkers) || engineWorkers < 0 || engineWorkers > 16) {
    throw new UsageError(`SWITCHYARD_ENGINE_WORKERS must be a whole number from 0 to 16, not "${process.env.SWITCHYARD_ENGINE_WORKERS}"`);
  }
  const designerDir = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'designer', 'dist');
  const runtime = await startRuntime({
    database: join(dataDir, 'switchyard.db'),
    host: values.host ?? env('SWITCHYARD_HOST') ?? '127.0.0.1',
    port,
    seed: values.seed,
    designerDir,
    auth: authFromEnv(),
    engineWorkers,
  });
  console.log(`Switchyard is running at ${runtime.url} (data in ${resolve(dataDir)})`);
  // Once: a second signal (Ctrl-C reaches a relaunching parent and this process both) waits for the first close.
  let closing: Promise<void> | undefined;
  const stop = async () => {
    closing ??= runtime.close();
    await closing;
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by bin/switchyard.js with an IPC channel: its parent is gone, so stop.
  process.on('disconnect', stop);
  return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`switchyard: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
