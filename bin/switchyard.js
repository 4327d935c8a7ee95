#!/usr/bin/env node
// The CLI is TypeScript; tsx's loader runs it without a build step.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { missingServeFlags } from './serve-flags.js';

const missing = process.argv[2] === 'serve' ? missingServeFlags(process.execArgv) : [];
if (missing.length > 0) {
  // `serve` started without its Node flags (`npx switchyard serve`, `node bin/switchyard.js serve`):
  // run it again with them, passing signals on. The server stops when this process goes, even
  // killed outright: it shuts down when its IPC channel closes.
  const server = spawn(process.execPath, [...process.execArgv, ...missing, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
} else {
  // V8 moves objects made at a literal straight to the old generation once most of them have
  // outlived a collection. A run's actors all come from the same few literals, and the ones that
  // wait for a contact look-up outlive a collection; once tenured, each old literal kept its whole
  // run alive through minor collections. Without it the engine runs steadily at its best speed
  // (docs/performance.md). Set before anything is allocated in earnest; it applies to every thread.
  setFlagsFromString('--no-allocation-site-pretenuring');

  const { register } = await import('tsx/esm/api');
  register();
  await import('../runtime/src/cli.ts');
}
