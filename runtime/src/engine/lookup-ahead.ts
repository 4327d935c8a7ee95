import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import { blockDefinition } from '../../../schemas/blocks/index.ts';
import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { Flow, FlowNode } from '../../../schemas/flow.ts';
import { executors } from '../blocks/index.ts';
import { identifyOptions } from '../blocks/identify-contact.ts';
import { acceptsMessage, StepArgs } from './compile.ts';
import type { ContactService, Executor, IdentifyAnswer, IdentifyOptions, RunContext, RunServices } from './types.ts';
import { isWait } from './types.ts';

/** A contact look-up done before the run started, and what it was asked. */
export interface LookupAhead {
  options: IdentifyOptions;
  answer: IdentifyAnswer;
}

/** What a flow version allows to be looked up ahead: its triggers in order, and which of their ports lead straight to identify-contact. */
interface Plan {
  triggers: Array<{ node: FlowNode; definition: AnyBlockDefinition }>;
  /** By `${trigger id}\u0000${port}`. */
  lookups: Map<string, IdentifyOptions>;
}

/** Worked out once a flow document (published versions are immutable), not for every message. */
const plans = new WeakMap<Flow, Plan>();

function planFor(flow: Flow): Plan {
  let plan = plans.get(flow);
  if (plan) return plan;
  const nodes = new Map(flow.nodes.map((node) => [node.id, node]));
  const triggers = flow.nodes.flatMap((node) => {
    const definition = blockDefinition(node.type);
    return definition?.trigger ? [{ node, definition }] : [];
  });
  const lookups = new Map<string, IdentifyOptions>();
  for (const edge of flow.edges) {
    const target = nodes.get(edge.to);
    if (target?.type !== 'identify-contact' || !triggers.some((trigger) => trigger.node.id === edge.from)) continue;
    lookups.set(`${edge.from}\u0000${edge.port}`, identifyOptions(target.config as ConfigOf<'identify-contact'>));
  }
  plan = { triggers, lookups };
  plans.set(flow, plan);
  return plan;
}

/**
 * Does a run's contact look-up on the thread that keeps the store, before the
 * run goes to an engine worker, when the flow's trigger leads straight to an
 * identify-contact block for this message. A trigger only reads the message
 * and its config, so the look-up done before it ran is the one the block
 * would do right after it; the worker then needs no round trip to this thread
 * (two of the four crossings a message made), which was most of a message's
 * waiting under load. Any other flow shape: undefined, and the block asks as
 * before.
 */
export async function lookupAhead(flow: Flow, context: RunContext, contacts: ContactService, services: RunServices): Promise<LookupAhead | undefined> {
  const plan = planFor(flow);
  if (plan.lookups.size === 0) return undefined;
  const trigger = plan.triggers.find(({ definition }) => acceptsMessage(definition, context))?.node;
  if (!trigger) return undefined;
  const execute = executors[trigger.type as keyof typeof executors] as Executor<unknown>;
  const result = await execute(new StepArgs(trigger.config, context, trigger.id, services));
  if (isWait(result)) return undefined;
  const options = plan.lookups.get(`${trigger.id}\u0000${result.port}`);
  if (!options) return undefined;
  return { options, answer: await contacts.identify(context.message, options) };
}
