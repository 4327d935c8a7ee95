import type { AnyStateMachine } from 'xstate';
import type { Flow } from '../../../schemas/flow.ts';
import { compileFlow, FINAL_STATES, type MachineContext, type ResumeEvent, type RunHooks } from './compile.ts';
import { drive } from './drive.ts';
import { recordStep, stepStarted, type RunState } from './run-state.ts';
import type { PlatformAction, QueueRequest, RunContext, Step } from './types.ts';

export type RunStatus = 'completed' | 'waiting' | 'failed' | 'unmatched';

export interface RunOutcome {
  status: RunStatus;
  /** While waiting: the persisted XState snapshot and what the run waits for. */
  snapshot?: unknown;
  waitKey?: string;
  steps: Step[];
  actions: Array<PlatformAction & { id: string }>;
  route?: QueueRequest;
  context: RunContext;
  error?: string;
}

/** A flow version as the runner caches it: compiled once per key. */
export interface RunnableFlow {
  key: string;
  document: Flow;
}

/**
 * Runs compiled flows: keeps one machine per flow version and the state of
 * the runs in progress, which the machines' actors reach through the hooks.
 * It touches no store: the engine (or an engine worker) gives each run its
 * services and writes what the run did.
 */
export class FlowRunner {
  private readonly runs = new Map<string, RunState>();
  private readonly machines = new Map<string, AnyStateMachine>();
  private readonly hooks: RunHooks = {
    services: (runId) => this.runState(runId).services,
    stepStarted: (runId, nodeId, type) => stepStarted(this.runState(runId), nodeId, type),
    stepEnded: (runId, nodeId, { result, error }) => recordStep(this.runState(runId), nodeId, result, error),
  };

  /** A machine for a published version, compiled on first use. */
  machineFor(version: { flowId: string; version: number; document: Flow }): AnyStateMachine {
    const key = `${version.flowId}@${version.version}`;
    let machine = this.machines.get(key);
    if (!machine) {
      machine = compileFlow(version.document, this.hooks);
      this.machines.set(key, machine);
    }
    return machine;
  }

  /** A machine for a draft (simulations), not cached. */
  compile(flow: Flow): AnyStateMachine {
    return compileFlow(flow, this.hooks);
  }

  async execute(
    runId: string,
    state: RunState,
    machine: AnyStateMachine,
    run: RunContext,
    restore: { snapshot?: unknown; resume?: ResumeEvent } = {},
  ): Promise<RunOutcome> {
    this.runs.set(runId, state);
    try {
      const { snapshot, persisted } = await drive(machine, { input: { runId, run }, ...restore });
      const context = (snapshot.context as MachineContext).run;
      const base = { steps: state.steps, actions: state.actions, route: state.route, context };
      // Each outcome starts with a plain key, not with `...base` (see applyPatch in context.ts).
      if (snapshot.status === 'active') {
        const waitingStep = state.steps.at(-1);
        return { status: 'waiting', ...base, snapshot: persisted, waitKey: waitingStep?.details?.waitKey as string | undefined };
      }
      if (snapshot.status === 'error') return { status: 'failed', ...base, error: String(snapshot.error) };
      const error = (snapshot.context as MachineContext).error;
      const status: RunStatus = snapshot.value === FINAL_STATES.failed ? 'failed' : snapshot.value === FINAL_STATES.unmatched ? 'unmatched' : 'completed';
      return { status, ...base, error };
    } finally {
      this.runs.delete(runId);
    }
  }

  private runState(runId: string): RunState {
    const state = this.runs.get(runId);
    if (!state) throw new Error(`no run ${runId} in progress`);
    return state;
  }
}
