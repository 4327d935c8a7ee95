import { liquid } from '../../../schemas/templates.ts';
import type { RunContext } from '../engine/types.ts';

/** What a template sees: the roots listed in TEMPLATE_ROOTS, nothing else. */
export function templateScope(context: RunContext, now: Date): Record<string, unknown> {
  return {
    message: context.message,
    contact: context.contact,
    conversation: context.conversation,
    routing: context.routing,
    vars: context.vars,
    sentiment: context.sentiment,
    now: now.toISOString(),
    flow: context.flow,
  };
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
