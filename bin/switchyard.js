#!/usr/bin/env node
// The CLI is TypeScript; tsx's loader runs it without a build step.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// V8 moves objects made at a literal straight to the old generation once most of them have
// outlived a collection. A run's actors all come from the same few literals, and the ones that
// wait for a contact look-up outlive a collection; once tenured, each old literal kept its whole
// run alive through minor collections. Without it the engine runs steadily at its best speed
// (docs/performance.md). Set before anything is allocated in earnest; it applies to every thread.
setFlagsFromString('--no-allocation-site-pretenuring');

register();
await import('../runtime/src/cli.ts');
