import type { ContextPatch, RunContext } from './types.ts';

/**
 * Merges a block's patch into the run context: `vars` and `routing` merge, the rest replace.
 * Object.assign rather than `{ ...context, key }`: on Node 20 a literal that starts with a spread
 * and adds keys keeps what a run allocates alive through minor GCs (docs/performance.md).
 */
export function applyPatch(context: RunContext, patch: ContextPatch | undefined): RunContext {
  if (!patch) return context;
  return Object.assign(
    {},
    context,
    patch.contact && { contact: patch.contact },
    patch.conversation && { conversation: patch.conversation },
    patch.sentiment && { sentiment: patch.sentiment },
    patch.vars && { vars: Object.assign({}, context.vars, patch.vars) },
    patch.routing && { routing: Object.assign({}, context.routing, patch.routing) },
  );
}
