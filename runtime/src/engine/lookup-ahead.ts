import { blockDefinition } from '../../../schemas/blocks/index.ts';
import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { Flow } from '../../../schemas/flow.ts';
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
  const trigger = flow.nodes.find((node) => {
    const definition = blockDefinition(node.type);
    return definition?.trigger !== undefined && acceptsMessage(definition, context);
  });
  if (!trigger) return undefined;
  const execute = executors[trigger.type as keyof typeof executors] as Executor<unknown>;
  const result = await execute(new StepArgs(trigger.config, context, trigger.id, services));
  if (isWait(result)) return undefined;
  const next = flow.edges.find((edge) => edge.from === trigger.id && edge.port === result.port);
  const block = next && flow.nodes.find((node) => node.id === next.to);
  if (block?.type !== 'identify-contact') return undefined;
  const options = identifyOptions(block.config as ConfigOf<'identify-contact'>);
  return { options, answer: await contacts.identify(context.message, options) };
}
