// Entry of an engine worker thread. A worker does not inherit the TypeScript
// loader of the thread that starts it, so it registers its own, then loads
// the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
