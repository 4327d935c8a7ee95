import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { Executor } from '../engine/types.ts';

export const emergency: Executor<ConfigOf<'emergency'>> = async ({ config, services }) => {
  const flag = services.resources.get('flag', config.flag);
  // The validator rejects flows naming a missing flag; this is a flag deleted since.
  if (!flag) throw new Error(`emergency flag "${config.flag}" does not exist`);
  const details = { flag: flag.id, active: flag.active, ...(flag.message !== undefined && { message: flag.message }) };
  if (!flag.active) return { port: 'normal', reason: `emergency flag '${flag.name}' is off`, details };
  const message = flag.message ? `: ${flag.message}` : ' (no message)';
  return { port: 'active', reason: `emergency flag '${flag.name}' is on${message}`, details };
};
