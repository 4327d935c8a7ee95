import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { Executor } from '../engine/types.ts';

/** A block with no ports is final: the interpreter stops after it, whatever port it names. */
export const end: Executor<ConfigOf<'end'>> = async () => ({ port: 'end', reason: 'flow ended' });
