import type { ContextPatch, RunContext } from './types.ts';

/** Merges a block's patch into the run context: `vars` and `routing` merge, the rest replace. */
export function applyPatch(context: RunContext, patch: ContextPatch | undefined): RunContext {
  if (!patch) return context;
  return {
    ...context,
    ...(patch.contact && { contact: patch.contact }),
    ...(patch.conversation && { conversation: patch.conversation }),
    ...(patch.sentiment && { sentiment: patch.sentiment }),
    ...(patch.vars && { vars: { ...context.vars, ...patch.vars } }),
    ...(patch.routing && { routing: { ...context.routing, ...patch.routing } }),
  };
}
