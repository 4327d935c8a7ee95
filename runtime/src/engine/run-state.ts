import { newId } from '../ids.ts';
import type { ExecutorResult, PlatformAction, QueueRequest, RunServices, Step } from './types.ts';
import { isWait } from './types.ts';

/** What one run collects while it goes: its services, steps, actions and route. */
export interface RunState {
  services: RunServices;
  steps: Step[];
  seq: number;
  started?: { nodeId: string; type: string; at: Date; t0: number };
  actions: Array<PlatformAction & { id: string }>;
  route?: QueueRequest;
}

/** A run's state with the services its executors reach; queued actions and the route land in it. */
export function newRunState(base: Pick<RunServices, 'now' | 'dryRun' | 'resources' | 'contacts' | 'fetch'>): RunState {
  const state: RunState = {
    steps: [],
    seq: 0,
    actions: [],
    // Listed, not `...base`: see applyPatch in context.ts.
    services: {
      now: base.now,
      dryRun: base.dryRun,
      resources: base.resources,
      contacts: base.contacts,
      fetch: base.fetch,
      enqueueAction: (action) => {
        const id = newId();
        state.actions.push({ ...action, id });
        return id;
      },
      route: (request) => {
        state.route = request;
      },
    },
  };
  return state;
}

export function stepStarted(state: RunState, nodeId: string, type: string): void {
  state.started = { nodeId, type, at: new Date(), t0: performance.now() };
}

/** Records the step that just settled: the port it took (or the error), why, and how long it took. */
export function recordStep(state: RunState, nodeId: string, result: ExecutorResult | undefined, error: unknown): void {
  const started = state.started;
  const step: Step = {
    seq: state.seq++,
    nodeId,
    blockType: started?.type ?? 'unknown',
    port: result && !isWait(result) ? result.port : null,
    reason: result ? result.reason : `error: ${error instanceof Error ? error.message : String(error)}`,
    startedAt: (started?.at ?? new Date()).toISOString(),
    durationMs: started ? Math.round((performance.now() - started.t0) * 1000) / 1000 : 0,
    ...(result?.details && { details: result.details }),
  };
  if (result && isWait(result)) step.details = { ...step.details, waitKey: result.wait.key };
  state.steps.push(step);
}
