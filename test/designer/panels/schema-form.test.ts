import { describe, expect, it } from 'vitest';
import { autoReply } from '../../../schemas/blocks/auto-reply.ts';
import { decision } from '../../../schemas/blocks/decision.ts';
import { blocks } from '../../../schemas/blocks/index.ts';
import { personalize } from '../../../schemas/blocks/personalize.ts';
import { routeToQueue } from '../../../schemas/blocks/route-to-queue.ts';
import { schemaProblems } from '../../../schemas/schema-check.ts';
import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import {
  annotate,
  emptyValue,
  fieldKind,
  fieldPointers,
  humanize,
  isTemplateField,
  nodeProblems,
  placeProblems,
  resourceKindOf,
  toFieldSchema,
  unionBranch,
  type FieldSchema,
} from '../../../designer/src/panels/properties/schema-form.ts';

const any = (definition: unknown) => definition as AnyBlockDefinition;
const properties = (definition: AnyBlockDefinition) => toFieldSchema(definition.configSchema).properties ?? {};

describe('schema-form', () => {
  it('classifies every field of every block config schema, none unsupported', () => {
    const walk = (schema: FieldSchema, at: string): string[] => {
      const kind = fieldKind(schema);
      const nested = [
        ...Object.entries(schema.properties ?? {}).flatMap(([key, child]) => walk(child, `${at}/${key}`)),
        ...(kind === 'array' && schema.items ? walk(schema.items, `${at}/*`) : []),
        ...(kind === 'map' && typeof schema.additionalProperties === 'object' ? walk(schema.additionalProperties, `${at}/*`) : []),
      ];
      return [...(kind === 'unsupported' ? [at] : []), ...nested];
    };
    for (const definition of Object.values(blocks)) {
      expect(walk(toFieldSchema(definition.configSchema), definition.type)).toEqual([]);
    }
  });

  it('tells enums, sets of enums, numbers, maps, lists and multi-type values apart', () => {
    expect(fieldKind(properties(any(autoReply)).visibility)).toBe('enum');
    expect(fieldKind(properties(any(blocks['twitter-trigger'])).events)).toBe('enum-set');
    expect(fieldKind(properties(any(routeToQueue)).priority)).toBe('integer');
    expect(fieldKind(properties(any(blocks.sentiment)).positiveAbove)).toBe('number');
    expect(fieldKind(properties(any(routeToQueue)).lastAgent)).toBe('object');
    expect(fieldKind(properties(any(blocks['http-request'])).headers)).toBe('map');
    expect(fieldKind(properties(any(blocks['keyword-router'])).rules)).toBe('array');
    const value = properties(any(decision)).cases.items?.properties?.conditions.items?.properties?.value ?? {};
    expect(fieldKind(value)).toBe('union');
    expect(unionBranch(value, ['a']).chosen).toBe('array');
    expect(unionBranch(value, 3).chosen).toBe('number');
    expect(unionBranch(value, undefined).chosen).toBe('string');
  });

  it('makes new list items from the item schema: required fields, minimum counts, defaults', () => {
    const rule = properties(any(blocks['keyword-router'])).rules.items ?? {};
    expect(emptyValue(rule)).toEqual({ port: '', keywords: [''] });
    const skills = properties(any(routeToQueue)).skills.items ?? {};
    expect(emptyValue(skills)).toEqual({ skill: '', level: 1 });
    const condition = properties(any(decision)).cases.items ?? {};
    expect(emptyValue(condition)).toEqual({ port: '', conditions: [{ path: '', op: 'equals' }] });
  });

  it('finds resource fields from references() and, for empty values, from field names', () => {
    const config = { queue: 'billing', skills: [{ skill: 'billing', level: 2 }] };
    const annotations = annotate(any(routeToQueue), config);
    const skill = properties(any(routeToQueue)).skills.items?.properties?.skill ?? {};
    expect(resourceKindOf(properties(any(routeToQueue)).queue, 'queue', '/queue', annotations)).toBe('queue');
    expect(resourceKindOf(skill, 'skill', '/skills/0/skill', annotations)).toBe('skill');
    const empty = annotate(any(autoReply), { text: 'hi' });
    expect(resourceKindOf(properties(any(autoReply)).response, 'response', '/response', empty)).toBe('response');
    expect(resourceKindOf(properties(any(autoReply)).text, 'text', '/text', empty)).toBeUndefined();
  });

  it('finds Liquid template fields from templates() and from descriptions', () => {
    const annotations = annotate(any(personalize), { rules: [{ when: {}, then: { greeting: 'Hi {{ contact.name }}' } }] });
    expect(annotations.templates.has('/rules/0/then/greeting')).toBe(true);
    expect(isTemplateField(properties(any(autoReply)).text, '/text', annotate(any(autoReply), { response: 'x' }))).toBe(true);
    expect(isTemplateField(properties(any(routeToQueue)).queue, '/queue', annotate(any(routeToQueue), {}))).toBe(false);
  });

  it('survives definitions whose helpers throw on a half-edited config', () => {
    expect(() => annotate(any(personalize), { rules: [{}] })).not.toThrow();
  });

  it('lists the pointers the form renders and places problems under the nearest one', () => {
    const schema = toFieldSchema(routeToQueue.configSchema);
    const config = { queue: 'q', skills: [{ skill: 's', level: 9 }] };
    const pointers = fieldPointers(schema, config);
    expect(pointers).toEqual(expect.arrayContaining(['', '/queue', '/skills', '/skills/0', '/skills/0/skill', '/skills/0/level', '/lastAgent/prefer']));
    const problems = schemaProblems(routeToQueue.configSchema, { ...config, colour: 'red' });
    const placed = placeProblems(problems, pointers);
    expect(placed.get('/skills/0/level')?.[0].message).toMatch(/<= 5/);
    expect(placed.get('')?.[0].message).toBe('is not a known field here');
  });

  it('picks a node’s problems and makes config pointers relative', () => {
    const problems = [
      { pointer: '/nodes/2/config/queue', message: 'unknown queue "x"', severity: 'error' as const, nodeId: 'route' },
      { pointer: '/nodes/2/config/skills/0/level', message: 'must be <= 5', severity: 'error' as const },
      { pointer: '/nodes/2', message: 'port "queued" is not connected', severity: 'warning' as const, nodeId: 'route' },
      { pointer: '/nodes/3/config/queue', message: 'another node', severity: 'error' as const, nodeId: 'other' },
      { pointer: '/edges/1/port', message: 'edge', severity: 'error' as const, nodeId: 'route' },
    ];
    const found = nodeProblems(problems, 'route');
    expect(found.config.map((problem) => problem.pointer)).toEqual(['/queue', '/skills/0/level']);
    expect(found.other.map((problem) => problem.message)).toEqual(['port "queued" is not connected', 'edge']);
    expect(nodeProblems(problems.slice(1, 2), 'route', 2).config).toHaveLength(1);
  });

  it('humanizes property names', () => {
    expect(humanize('retryForSeconds')).toBe('Retry for seconds');
    expect(humanize('lastAgent')).toBe('Last agent');
  });
});
