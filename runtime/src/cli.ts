import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { InboundMessage } from '../../schemas/message.ts';
import { validateMessage } from '../../schemas/validate.ts';
import { checkDeployment } from './deploy/check.ts';
import { loadJsonFiles } from './deploy/load.ts';
import { Engine } from './engine/engine.ts';
import { resourcesFrom } from './engine/services.ts';
import { formatTrace } from './engine/trace.ts';
import { startRuntime } from './server.ts';
import { openStore } from './store/index.ts';

const USAGE = `usage: switchyard <command> [options]

commands:
  validate <files or folders…>           check flows and resources (schema and semantics)
  simulate --flow F --message M [--at T] run a message through a flow file, print the path and why
           [--resources DIR]             resources to use (default: the flow file's folder)
  serve [--port N] [--host H] [--data DIR] [--seed DIR]
                                         run the server (default 127.0.0.1:8080, SQLite under ./data)

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

async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, seed: { type: 'string' } },
  });
  const port = Number(values.port ?? process.env.SWITCHYARD_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${values.port}" is not a port number`);
  const dataDir = values.data ?? process.env.SWITCHYARD_DATA ?? 'data';
  const designerDir = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'designer', 'dist');
  const runtime = await startRuntime({
    database: join(dataDir, 'switchyard.db'),
    host: values.host ?? process.env.SWITCHYARD_HOST ?? '127.0.0.1',
    port,
    seed: values.seed,
    designerDir,
  });
  console.log(`Switchyard is running at ${runtime.url} (data in ${resolve(dataDir)})`);
  const stop = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
