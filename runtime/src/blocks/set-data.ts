import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { Executor } from '../engine/types.ts';
import { quote, renderTemplate } from './render.ts';

export const setData: Executor<ConfigOf<'set-data'>> = async ({ config, context, services }) => {
  const now = services.now();
  const vars: Record<string, unknown> = {};
  for (const { name, value } of config.assignments) {
    // Later assignments see earlier ones, as they would in a script.
    vars[name] = renderTemplate(value, { ...context, vars: { ...context.vars, ...vars } }, now);
  }
  const listed = Object.entries(vars).map(([name, value]) => `${name} = ${quote(String(value), 40)}`);
  return { port: 'out', reason: `set ${listed.join(', ')}`, patch: { vars } };
};
