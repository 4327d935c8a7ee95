import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { Channel } from './message.ts';
import type { ResourceKind } from './resources/index.ts';

export const CATEGORIES = ['Triggers', 'Routing', 'Checks', 'Actions', 'Data', 'Flow'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PortDefinition {
  id: string;
  label: string;
  /** An optional port may stay unconnected: taking it ends the run. */
  optional?: boolean;
}

/** A resource a node's config names; `pointer` is relative to the node's config. */
export interface ResourceRef {
  kind: ResourceKind;
  id: string;
  pointer: string;
}

/** A Liquid template in a node's config; `pointer` is relative to the node's config. */
export interface TemplateRef {
  text: string;
  pointer: string;
}

/**
 * The browser-safe half of a block: what the palette, the properties panel,
 * the validator and the compiler need. The runtime half (the executor) lives
 * in runtime/src/blocks/<type>.ts, joined by `type`.
 */
/** A config type from its schema; fields with a default stay optional (the executor applies the default). */
export type ConfigFromSchema<S> = S extends JSONSchema ? FromSchema<S, { keepDefaultedPropertiesOptional: true }> : never;

export interface BlockDefinition<S extends object = object, C = ConfigFromSchema<S>> {
  type: string;
  version: number;
  label: string;
  category: Category;
  /** A single emoji or short glyph shown on the node and in the palette. */
  icon: string;
  description: string;
  configSchema: S;
  defaultConfig: C;
  /** The block's ports; `portsFor`, when present, derives them from the config (one per keyword rule, say). */
  ports: readonly PortDefinition[];
  portsFor?(config: C): PortDefinition[];
  /** Trigger blocks start a run; they list the channels (and, if only one, the visibility) they listen to. */
  trigger?: { channels: readonly Channel[]; visibility?: 'public' | 'private' };
  /** The block may pause the run (a retry timer, an outside event): a cycle through it is allowed. */
  waits?: boolean;
  references?(config: C): ResourceRef[];
  templates?(config: C): TemplateRef[];
  /** Context paths the block sets, such as `vars.orderId` or `contact`, for template checks. */
  sets?(config: C): string[];
  /** One summary line for the canvas. */
  summary?(config: C): string;
  /** migrations[n] turns a version n-1 config into a version n config. */
  migrations?: Record<number, (config: Record<string, unknown>) => Record<string, unknown>>;
}

/** Infers the config type from `configSchema` alone, then checks the rest of the definition against it. */
export function defineBlock<const S extends object>(
  definition: { configSchema: S } & NoInfer<Omit<BlockDefinition<S>, 'configSchema'>>,
): BlockDefinition<S> {
  return definition as unknown as BlockDefinition<S>;
}

/** The definition with its config type erased, as catalog code walks it (methods are bivariant). */
export type AnyBlockDefinition = BlockDefinition<object, unknown>;

export function portsOf(definition: AnyBlockDefinition, config: unknown): PortDefinition[] {
  return definition.portsFor ? definition.portsFor(config) : [...definition.ports];
}
