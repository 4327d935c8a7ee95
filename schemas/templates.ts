import { Liquid } from 'liquidjs';

/**
 * One Liquid engine for the whole product: strict filters, no file system,
 * no JavaScript. Browser-safe, so the designer checks templates the same way.
 */
export const liquid = new Liquid({ strictFilters: true, ownPropertyOnly: true, cache: true });

/** The roots a template may read; anything else is a typo. */
export const TEMPLATE_ROOTS = ['message', 'contact', 'conversation', 'routing', 'vars', 'sentiment', 'now', 'flow'] as const;

export interface TemplateVariablesResult {
  /** Dotted paths of the variables the template reads, e.g. `contact.name`. */
  variables: string[];
  /** A syntax error, when the template does not parse. */
  error?: string;
}

export function templateVariables(text: string): TemplateVariablesResult {
  try {
    const segments = liquid.globalVariableSegmentsSync(text);
    const variables = segments.map((segment) =>
      segment.map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part) : '?')).join('.'),
    );
    return { variables: [...new Set(variables)] };
  } catch (error) {
    return { variables: [], error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}
