import { liquid } from '../../../schemas/templates.ts';
import type { RunContext } from '../engine/types.ts';

/** The run context by root, nothing else: what decision paths may start with (templates add `now`). */
export function contextRoots(context: RunContext): Record<string, unknown> {
  const { message, contact, conversation, routing, vars, sentiment, flow } = context;
  return { message, contact, conversation, routing, vars, sentiment, flow };
}

/** What a template sees: the roots listed in TEMPLATE_ROOTS, nothing else. */
function templateScope(context: RunContext, now: Date): Record<string, unknown> {
  // `now` first: a literal that starts with a spread and adds keys is slow on Node 20 (engine/context.ts).
  return { now: now.toISOString(), ...contextRoots(context) };
}

/** Renders a Liquid template against the run context. Throws when the template does not parse or a filter fails. */
export function renderTemplate(text: string, context: RunContext, now: Date): string {
  return liquid.parseAndRenderSync(text, templateScope(context, now));
}

/** The error's first line, for a reason an analyst reads in the trace. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** Quotes text for a reason, shortened so a trace line stays readable. */
export function quote(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}
