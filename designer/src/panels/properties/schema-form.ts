import type { AnyBlockDefinition } from '../../../../schemas/block.ts';
import type { Problem } from '../../../../schemas/problems.ts';
import { escapePointer } from '../../../../schemas/problems.ts';
import type { ResourceKind } from '../../../../schemas/resources/index.ts';

/**
 * The part of JSON Schema the properties form reads. Supported: `type` (one or
 * several), `enum`, `const`, `default`, `description`, `title`, `properties` +
 * `required`, `additionalProperties` as a schema (a key/value map), `items`,
 * `minItems`/`maxItems`/`uniqueItems`, `minimum`/`maximum`, `maxLength`.
 * Not rendered (the validator still reports them inline): `anyOf`, `allOf`,
 * `if/then/else`, `not`, `pattern`, `propertyNames`, `$ref`.
 */
export interface FieldSchema {
  type?: string | readonly string[];
  enum?: readonly unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  title?: string;
  properties?: Readonly<Record<string, FieldSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | FieldSchema;
  items?: FieldSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

/** Block config schemas are JSON Schema documents by construction (defineBlock), so reading them as FieldSchema is safe. */
export function toFieldSchema(schema: object): FieldSchema {
  return schema as FieldSchema;
}

export type FieldKind = 'enum' | 'enum-set' | 'boolean' | 'number' | 'integer' | 'string' | 'object' | 'map' | 'array' | 'union' | 'unsupported';

function typesOf(schema: FieldSchema): string[] {
  if (schema.type === undefined) return [];
  return typeof schema.type === 'string' ? [schema.type] : [...schema.type];
}

export function fieldKind(schema: FieldSchema): FieldKind {
  if (schema.enum) return 'enum';
  const types = typesOf(schema);
  if (types.length > 1) return 'union';
  const type = types[0] ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  switch (type) {
    case 'boolean':
    case 'number':
    case 'integer':
    case 'string':
      return type;
    case 'object':
      return !schema.properties && typeof schema.additionalProperties === 'object' ? 'map' : 'object';
    case 'array':
      return schema.items?.enum ? 'enum-set' : 'array';
    default:
      return 'unsupported';
  }
}

/** The JSON type of a value, as a schema's `type` names it. */
export function jsonTypeOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** For a multi-type field: the schema of the type the current value has (or the first type). */
export function unionBranch(schema: FieldSchema, value: unknown): { types: string[]; chosen: string; schema: FieldSchema } {
  const types = typesOf(schema);
  const actual = jsonTypeOf(value);
  const chosen =
    types.find((type) => type === actual) ?? (actual === 'integer' && types.includes('number') ? 'number' : undefined) ?? types[0] ?? 'string';
  return { types, chosen, schema: { ...schema, type: chosen } };
}

/** A starting value for a new list item or a newly chosen type: defaults, else the smallest value the schema allows. */
export function emptyValue(schema: FieldSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  switch (fieldKind(schema)) {
    case 'enum':
      return schema.enum?.[0];
    case 'union':
      return emptyValue(unionBranch(schema, undefined).schema);
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const property = schema.properties?.[key];
        if (property) value[key] = emptyValue(property);
      }
      return value;
    }
    case 'map':
      return {};
    case 'array':
    case 'enum-set':
      return schema.items && (schema.minItems ?? 0) > 0 ? Array.from({ length: schema.minItems ?? 0 }, () => emptyValue(schema.items!)) : [];
    case 'number':
    case 'integer':
      return Math.min(Math.max(0, schema.minimum ?? -Infinity), schema.maximum ?? Infinity);
    case 'boolean':
      return false;
    default:
      return '';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "retryForSeconds" → "Retry for seconds". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A list item's heading: its own label or name when it has one. */
export function itemTitle(value: unknown, index: number): string {
  if (isRecord(value)) {
    for (const key of ['label', 'name', 'port', 'skill', 'path']) {
      const text = value[key];
      if (typeof text === 'string' && text.trim()) return text;
    }
  }
  return `Item ${index + 1}`;
}

/** Field names that hold a resource id even before they have a value for `references()` to report. */
const RESOURCE_FIELD_NAMES: Readonly<Record<string, ResourceKind>> = {
  queue: 'queue',
  skill: 'skill',
  schedule: 'schedule',
  calendar: 'calendar',
  flag: 'flag',
  response: 'response',
  disposition: 'disposition',
  account: 'account',
};

export function resourceKindByName(key: string): ResourceKind | undefined {
  return Object.hasOwn(RESOURCE_FIELD_NAMES, key) ? RESOURCE_FIELD_NAMES[key] : undefined;
}

/** What the definition itself says about a config: which pointers name resources, which are Liquid templates. */
export interface ConfigAnnotations {
  references: ReadonlyMap<string, ResourceKind>;
  templates: ReadonlySet<string>;
}

export function annotate(definition: AnyBlockDefinition, config: unknown): ConfigAnnotations {
  const references = new Map<string, ResourceKind>();
  const templates = new Set<string>();
  // A config being edited may be half-filled; the definition's helpers assume a valid one and may throw.
  try {
    for (const ref of definition.references?.(config) ?? []) references.set(ref.pointer, ref.kind);
  } catch {
    /* fall back to field names */
  }
  try {
    for (const template of definition.templates?.(config) ?? []) templates.add(template.pointer);
  } catch {
    /* fall back to descriptions */
  }
  return { references, templates };
}

export function isTemplateField(schema: FieldSchema, pointer: string, annotations: ConfigAnnotations): boolean {
  return annotations.templates.has(pointer) || /liquid template/i.test(schema.description ?? '');
}

export function resourceKindOf(schema: FieldSchema, key: string, pointer: string, annotations: ConfigAnnotations): ResourceKind | undefined {
  if (fieldKind(schema) !== 'string') return undefined;
  return annotations.references.get(pointer) ?? resourceKindByName(key);
}

export function childPointer(pointer: string, segment: string | number): string {
  return `${pointer}/${escapePointer(segment)}`;
}

/** Every pointer the form renders a field for, given the schema and the current value. */
export function fieldPointers(schema: FieldSchema, value: unknown, pointer = ''): string[] {
  const pointers = [pointer];
  switch (fieldKind(schema)) {
    case 'object':
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        pointers.push(...fieldPointers(property, isRecord(value) ? value[key] : undefined, childPointer(pointer, key)));
      }
      break;
    case 'map':
      if (isRecord(value) && typeof schema.additionalProperties === 'object') {
        for (const [key, entry] of Object.entries(value)) pointers.push(...fieldPointers(schema.additionalProperties, entry, childPointer(pointer, key)));
      }
      break;
    case 'array':
      if (Array.isArray(value) && schema.items) {
        value.forEach((item, index) => pointers.push(...fieldPointers(schema.items!, item, childPointer(pointer, index))));
      }
      break;
    case 'union':
      pointers.push(...fieldPointers(unionBranch(schema, value).schema, value, pointer).slice(1));
      break;
  }
  return pointers;
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

/** Puts each problem under the nearest field the form shows (the form's top, `''`, when none). */
export function placeProblems(problems: readonly Problem[], rendered: Iterable<string>): Map<string, Problem[]> {
  const fields = new Set(rendered);
  const placed = new Map<string, Problem[]>();
  for (const problem of problems) {
    let at = problem.pointer;
    while (at !== '' && !fields.has(at)) at = parentPointer(at);
    placed.set(at, [...(placed.get(at) ?? []), problem]);
  }
  return placed;
}

/**
 * The problems of one node, split into those inside its config (pointers made
 * relative to the config) and the rest (graph, id). The node's index comes
 * from `nodeIndex` or from any problem tagged with the node's id.
 */
export function nodeProblems(problems: readonly Problem[], nodeId: string, nodeIndex?: number): { config: Problem[]; other: Problem[] } {
  let index = nodeIndex;
  if (index === undefined) {
    for (const problem of problems) {
      const match = problem.nodeId === nodeId ? /^\/nodes\/(\d+)(?:\/|$)/.exec(problem.pointer) : null;
      if (match) {
        index = Number(match[1]);
        break;
      }
    }
  }
  const prefix = index === undefined ? undefined : `/nodes/${index}`;
  const config: Problem[] = [];
  const other: Problem[] = [];
  for (const problem of problems) {
    const underNode = prefix !== undefined && (problem.pointer === prefix || problem.pointer.startsWith(`${prefix}/`));
    if (!underNode && problem.nodeId !== nodeId) continue;
    const configPrefix = `${prefix}/config`;
    if (underNode && (problem.pointer === configPrefix || problem.pointer.startsWith(`${configPrefix}/`))) {
      config.push({ ...problem, pointer: problem.pointer.slice(configPrefix.length) });
    } else {
      other.push(problem);
    }
  }
  return { config, other };
}
