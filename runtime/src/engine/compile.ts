import { assign, fromCallback, setup, type AnyStateMachine } from 'xstate';
import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import { portsOf } from '../../../schemas/block.ts';
import { blockDefinition, type BlockType } from '../../../schemas/blocks/index.ts';
import type { Flow, FlowNode } from '../../../schemas/flow.ts';
import { executors } from '../blocks/index.ts';
import { applyPatch } from './context.ts';
import type { Executor, ExecutorArgs, ExecutorResult, RunContext, RunServices } from './types.ts';
import { isWait } from './types.ts';

/** What the compiled machine keeps: the run's data and, at the end, why it stopped. */
export interface MachineContext {
  runId: string;
  run: RunContext;
  error?: string;
}

export interface MachineInput {
  runId: string;
  run: RunContext;
}

/** Sent to a run paused in a waiting block: the port to leave by, and why. */
export interface ResumeEvent {
  type: 'resume';
  port: string;
  reason: string;
}

interface BlockInput {
  runId: string;
  nodeId: string;
  type: BlockType;
  config: unknown;
  run: RunContext;
}

export interface BlockOutput {
  result: ExecutorResult;
}

/** What a block's actor sends its run when the executor settles. */
type BlockEvent = { type: 'block.done'; output: BlockOutput } | { type: 'block.error'; error: unknown };

/**
 * The runner's side of a compiled flow: where a run's services live (they hold
 * functions, so they never enter the persisted snapshot) and where steps go.
 */
export interface RunHooks {
  services(runId: string): RunServices;
  stepStarted(runId: string, nodeId: string, type: string): void;
  stepEnded(runId: string, nodeId: string, outcome: { result?: ExecutorResult; error?: unknown }): void;
}

export const FINAL_STATES = { done: 'done', failed: 'failed', unmatched: 'unmatched' } as const;

const stateKey = (nodeId: string) => `node_${nodeId}`;

/** Name of the node a state value points at, and whether it is waiting there. */
export function activeNode(value: unknown): { nodeId: string; waiting: boolean } | undefined {
  if (typeof value === 'string') return value.startsWith('node_') ? { nodeId: value.slice('node_'.length), waiting: false } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const [key, inner] = Object.entries(value)[0] ?? [];
  if (!key?.startsWith('node_')) return undefined;
  return { nodeId: key.slice('node_'.length), waiting: inner === 'waiting' };
}

/**
 * What an executor is called with. A class, so that the abort signal is made
 * only for the executors that read it (HTTP): the getter lives on the
 * prototype. (A getter in an object literal, one made per step, cost a third
 * of a run's time here: V8 keeps what such literals reach alive through
 * scavenges, so every run's objects ended in the old generation.)
 */
export class StepArgs implements ExecutorArgs<unknown> {
  private controller?: AbortController;

  constructor(
    readonly config: unknown,
    readonly context: RunContext,
    readonly nodeId: string,
    readonly services: RunServices,
  ) {}

  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  abort(): void {
    this.controller?.abort();
  }
}

/**
 * Turns a validated flow into an XState machine: one state per node, the
 * node's executor invoked as a callback actor, the port it returns picking the
 * transition. Pure: no I/O, no executor runs here. Unconnected optional ports
 * and blocks with no ports end the run.
 */
export function compileFlow(flow: Flow, hooks: RunHooks): AnyStateMachine {
  const definitions = new Map<string, AnyBlockDefinition>();
  for (const node of flow.nodes) {
    const definition = blockDefinition(node.type);
    if (!definition) throw new Error(`unknown block type "${node.type}" in node "${node.id}"`);
    definitions.set(node.id, definition);
  }
  const targets = new Map<string, Map<string, string>>();
  for (const edge of flow.edges) {
    const out = targets.get(edge.from) ?? new Map<string, string>();
    out.set(edge.port, `#flow.${stateKey(edge.to)}`);
    targets.set(edge.from, out);
  }

  const actors = Object.fromEntries(
    Object.entries(executors).map(([type, executor]) => [
      type,
      // A callback actor rather than a promise actor: the abort signal is made only for the
      // executors that read it (HTTP), which halves the per-step cost of a run.
      fromCallback<BlockEvent, BlockInput>(({ input, sendBack }) => {
        let settled = false;
        const run = executor as Executor<unknown>;
        hooks.stepStarted(input.runId, input.nodeId, input.type);
        const args = new StepArgs(input.config, input.run, input.nodeId, hooks.services(input.runId));
        run(args).then(
          (result) => {
            settled = true;
            hooks.stepEnded(input.runId, input.nodeId, { result });
            sendBack({ type: 'block.done', output: { result } });
          },
          (error: unknown) => {
            settled = true;
            hooks.stepEnded(input.runId, input.nodeId, { error });
            sendBack({ type: 'block.error', error });
          },
        );
        // Leaving the state before the block settled (the run was stopped): tell it to give up.
        return () => {
          if (!settled) args.abort();
        };
      }),
    ]),
  );

  const toPort = (nodeId: string, port: string) => targets.get(nodeId)?.get(port) ?? `#flow.${FINAL_STATES.done}`;

  const nodeState = (node: FlowNode) => {
    const definition = definitions.get(node.id)!;
    const ports = portsOf(definition, node.config).map((port) => port.id);
    const portTransitions = (read: (event: unknown) => string | undefined) =>
      ports.map((port) => ({
        guard: ({ event }: { event: unknown }) => read(event) === port,
        target: toPort(node.id, port),
      }));
    const resultOf = (event: unknown) => (event as { output: BlockOutput }).output.result;
    const portOf = (event: unknown) => {
      const result = resultOf(event);
      return isWait(result) ? undefined : result.port;
    };
    const assignPatch = assign(({ context, event }: { context: MachineContext; event: unknown }) => ({
      run: applyPatch(context.run, resultOf(event).patch),
    }));
    const run = {
      invoke: {
        src: node.type,
        input: ({ context }: { context: MachineContext }): BlockInput => ({
          runId: context.runId,
          nodeId: node.id,
          type: node.type as BlockType,
          config: node.config,
          run: context.run,
        }),
      },
      on: {
        'block.done': [
          ...(definition.waits ? [{ guard: ({ event }: { event: unknown }) => isWait(resultOf(event)), target: 'waiting', actions: assignPatch }] : []),
          // A result without a patch leaves the context as it is: no assign to resolve (most steps).
          ...portTransitions(portOf).flatMap((transition) => [
            { guard: (args: { event: unknown }) => transition.guard(args) && resultOf(args.event).patch !== undefined, target: transition.target, actions: assignPatch },
            transition,
          ]),
          ports.length === 0
            ? { target: `#flow.${FINAL_STATES.done}` }
            : {
                target: `#flow.${FINAL_STATES.failed}`,
                actions: assign(({ event }: { event: unknown }) => ({
                  error: isWait(resultOf(event))
                    ? `${definition.label} "${node.id}" asked to wait, which this block cannot`
                    : `${definition.label} "${node.id}" returned port "${portOf(event)}", which it does not have`,
                })),
              },
        ],
        'block.error': {
          target: `#flow.${FINAL_STATES.failed}`,
          actions: assign(({ event }: { event: { error: unknown } }) => ({
            error: `${definition.label} "${node.id}" failed: ${event.error instanceof Error ? event.error.message : String(event.error)}`,
          })),
        },
      },
    };
    // Only a block that can wait gets the run/waiting pair; the others stay one flat state,
    // which roughly halves the state nodes XState enters and leaves at each step.
    if (!definition.waits) return run;
    return {
      initial: 'run',
      states: {
        run,
        waiting: {
          on: { resume: portTransitions((event) => (event as ResumeEvent).port) },
        },
      },
    };
  };

  const triggers = flow.nodes.filter((node) => definitions.get(node.id)?.trigger);
  const states: Record<string, object> = {
    start: {
      always: [
        ...triggers.map((node) => ({
          guard: ({ context }: { context: MachineContext }) => acceptsMessage(definitions.get(node.id)!, context.run),
          target: stateKey(node.id),
        })),
        { target: FINAL_STATES.unmatched },
      ],
    },
    [FINAL_STATES.done]: { type: 'final' },
    [FINAL_STATES.failed]: { type: 'final' },
    [FINAL_STATES.unmatched]: { type: 'final' },
  };
  for (const node of flow.nodes) states[stateKey(node.id)] = nodeState(node);

  const machine = setup({
    types: {} as { context: MachineContext; input: MachineInput; events: ResumeEvent | BlockEvent },
    actors,
  }).createMachine({
    id: 'flow',
    initial: 'start',
    context: ({ input }) => ({ runId: input.runId, run: input.run }),
    // The states are built from the flow at run time; their shape is checked by the tests, not by XState's types.
    states: states as never,
  });
  return machine as unknown as AnyStateMachine;
}

/** Whether a trigger block takes this message (its channels and visibility); the run starts at the first that does. */
export function acceptsMessage(definition: AnyBlockDefinition, run: RunContext): boolean {
  const trigger = definition.trigger!;
  if (!trigger.channels.includes(run.message.channel)) return false;
  return !trigger.visibility || trigger.visibility === run.message.visibility;
}
