import { describe, expect, it } from 'vitest';
import { diffFlows, diffValues, formatValue, isEmptyDiff } from '../../../designer/src/history/diff.ts';
import type { Flow } from '../../../schemas/flow.ts';

const v1: Flow = {
  id: 'care',
  name: 'Care',
  trigger: { accounts: ['acme-twitter'] },
  nodes: [
    { id: 'start', type: 'twitter-trigger', version: 1, config: { events: ['mention'] }, position: { x: 0, y: 0 } },
    { id: 'route', type: 'keyword-router', version: 1, config: { rules: [{ port: 'refund', keywords: ['refund', 'money'] }] } },
    { id: 'hours', type: 'operating-hours', version: 1, config: { schedule: 'care-hours' } },
    { id: 'done', type: 'end', version: 1, config: {} },
  ],
  edges: [
    { from: 'start', port: 'mention', to: 'route' },
    { from: 'route', port: 'refund', to: 'hours' },
    { from: 'hours', port: 'open', to: 'done' },
  ],
};

const v2: Flow = {
  ...v1,
  name: 'Social care',
  trigger: { accounts: ['acme-twitter', 'acme-facebook'] },
  nodes: [
    { ...v1.nodes[0], position: { x: 40, y: 0 } },
    { id: 'route', type: 'keyword-router', version: 1, label: 'Money words', config: { rules: [{ port: 'refund', keywords: ['refund', 'money', 'chargeback'], match: 'any' }] } },
    { id: 'done', type: 'end', version: 1, config: {} },
    { id: 'queue', type: 'route-to-queue', version: 1, config: { queue: 'social-care' } },
  ],
  edges: [
    { from: 'start', port: 'mention', to: 'route' },
    { from: 'route', port: 'refund', to: 'queue' },
    { from: 'queue', port: 'queued', to: 'done' },
  ],
};

describe('diffFlows', () => {
  const diff = diffFlows(v1, v2);

  it('lists the blocks added and removed, matched by node id', () => {
    expect(diff.added.map((node) => node.id)).toEqual(['queue']);
    expect(diff.removed.map((node) => node.id)).toEqual(['hours']);
  });

  it('names each changed config field by its JSON pointer, with the old and the new value', () => {
    expect(diff.changed).toEqual([
      {
        id: 'route',
        type: 'keyword-router',
        fields: [
          { pointer: '/config/rules/0/keywords', before: ['refund', 'money'], after: ['refund', 'money', 'chargeback'] },
          { pointer: '/config/rules/0/match', before: undefined, after: 'any' },
          { pointer: '/label', before: undefined, after: 'Money words' },
        ],
      },
    ]);
  });

  it('keeps a node that was only dragged apart from the changed ones', () => {
    expect(diff.moved).toEqual(['start']);
    expect(diff.changed.map((change) => change.id)).not.toContain('start');
  });

  it('reports connections added and removed, and flow-level fields', () => {
    expect(diff.edgesAdded).toEqual([
      { from: 'route', port: 'refund', to: 'queue' },
      { from: 'queue', port: 'queued', to: 'done' },
    ]);
    expect(diff.edgesRemoved).toEqual([
      { from: 'route', port: 'refund', to: 'hours' },
      { from: 'hours', port: 'open', to: 'done' },
    ]);
    expect(diff.flow).toEqual([
      { pointer: '/name', before: 'Care', after: 'Social care' },
      { pointer: '/trigger/accounts', before: ['acme-twitter'], after: ['acme-twitter', 'acme-facebook'] },
    ]);
  });

  it('finds nothing between a flow and a copy of it', () => {
    expect(isEmptyDiff(diffFlows(v1, structuredClone(v1)))).toBe(true);
  });

  it('notices a block whose type or version changed under the same id', () => {
    const upgraded: Flow = { ...v1, nodes: v1.nodes.map((node) => (node.id === 'hours' ? { ...node, type: 'special-day', config: { calendar: 'uk' } } : node)) };
    const [change] = diffFlows(v1, upgraded).changed;
    expect(change.id).toBe('hours');
    expect(change.fields.map((field) => field.pointer)).toEqual(['/type', '/config/schedule', '/config/calendar']);
  });
});

describe('diffValues', () => {
  it('compares lists of objects item by item and lists of plain values as one field', () => {
    const before = { cases: [{ port: 'a', conditions: [{ path: 'contact.segment', op: 'equals', value: 'gold' }] }], tags: ['x'] };
    const after = { cases: [{ port: 'a', conditions: [{ path: 'contact.segment', op: 'equals', value: 'vip' }] }, { port: 'b', conditions: [] }], tags: ['x', 'y'] };
    expect(diffValues(before, after)).toEqual([
      { pointer: '/cases/0/conditions/0/value', before: 'gold', after: 'vip' },
      { pointer: '/cases/1', before: undefined, after: { port: 'b', conditions: [] } },
      { pointer: '/tags', before: ['x'], after: ['x', 'y'] },
    ]);
  });

  it('escapes pointer segments the JSON pointer way', () => {
    expect(diffValues({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 }).map((change) => change.pointer)).toEqual(['/a~1b', '/c~0d']);
  });
});

describe('formatValue', () => {
  it('shows absent, empty, plain lists and long values readably', () => {
    expect(formatValue(undefined)).toBe('(none)');
    expect(formatValue([])).toBe('(empty)');
    expect(formatValue(['refund', 'money'])).toBe('"refund", "money"');
    expect(formatValue('x'.repeat(200), 10)).toBe('"xxxxxxxx…');
  });
});
