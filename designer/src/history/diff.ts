import { escapePointer } from '../../../schemas/problems.ts';
import type { Flow, FlowNode } from '../../../schemas/flow.ts';

/** One value that differs, by JSON pointer; `before` or `after` is undefined when the field is absent on that side. */
export interface FieldChange {
  pointer: string;
  before: unknown;
  after: unknown;
}

export interface NodeChange {
  id: string;
  type: string;
  /** Pointers relative to the node: `/config/rules/0/keywords`, `/label`, `/version`, `/type`. */
  fields: FieldChange[];
}

export interface EdgeRef {
  from: string;
  port: string;
  to: string;
}

export interface FlowDiff {
  /** Flow-level fields: name, description, trigger accounts. */
  flow: FieldChange[];
  added: FlowNode[];
  removed: FlowNode[];
  changed: NodeChange[];
  /** Nodes only dragged somewhere else: no effect on routing, so kept apart from `changed`. */
  moved: string[];
  edgesAdded: EdgeRef[];
  edgesRemoved: EdgeRef[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isScalar = (value: unknown) => value === null || (typeof value !== 'object' && typeof value !== 'function');

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameJson(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/**
 * Every leaf that differs between two JSON values. Objects are compared key by
 * key; a list of plain values (keywords, accounts) counts as one field, since
 * "refund, money → refund, money, chargeback" reads better than index shuffles;
 * lists of objects (rules, cases) are compared item by item.
 */
export function diffValues(before: unknown, after: unknown, at = ''): FieldChange[] {
  if (sameJson(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffValues(before[key], after[key], `${at}/${escapePointer(key)}`));
  }
  if (Array.isArray(before) && Array.isArray(after) && !(before.every(isScalar) && after.every(isScalar))) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => diffValues(before[index], after[index], `${at}/${index}`)).flat();
  }
  return [{ pointer: at || '/', before, after }];
}

const edgeKey = (edge: EdgeRef) => `${edge.from}\u0000${edge.port}\u0000${edge.to}`;

/** What changed from `before` (an older version) to `after` (a newer one or the draft). Nodes are matched by id. */
export function diffFlows(before: Flow, after: Flow): FlowDiff {
  const flow = [
    ...diffValues(before.name, after.name, '/name'),
    ...diffValues(before.description, after.description, '/description'),
    ...diffValues(before.trigger, after.trigger, '/trigger'),
  ];

  const oldNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const newNodes = new Map(after.nodes.map((node) => [node.id, node]));
  const added = after.nodes.filter((node) => !oldNodes.has(node.id));
  const removed = before.nodes.filter((node) => !newNodes.has(node.id));
  const changed: NodeChange[] = [];
  const moved: string[] = [];
  for (const node of after.nodes) {
    const old = oldNodes.get(node.id);
    if (!old) continue;
    const { position: oldPosition, ...oldRest } = old;
    const { position: newPosition, ...newRest } = node;
    const fields = diffValues(oldRest, newRest);
    if (fields.length > 0) changed.push({ id: node.id, type: node.type, fields });
    else if (!sameJson(oldPosition, newPosition)) moved.push(node.id);
  }

  const refs = (edges: Flow['edges']) => new Map(edges.map(({ from, port, to }) => [edgeKey({ from, port, to }), { from, port, to }]));
  const oldEdges = refs(before.edges);
  const newEdges = refs(after.edges);
  const edgesAdded = [...newEdges].filter(([key]) => !oldEdges.has(key)).map(([, edge]) => edge);
  const edgesRemoved = [...oldEdges].filter(([key]) => !newEdges.has(key)).map(([, edge]) => edge);

  return { flow, added, removed, changed, moved, edgesAdded, edgesRemoved };
}

export function isEmptyDiff(diff: FlowDiff): boolean {
  return (
    diff.flow.length + diff.added.length + diff.removed.length + diff.changed.length + diff.moved.length + diff.edgesAdded.length + diff.edgesRemoved.length === 0
  );
}

/** A value as the diff shows it: JSON, shortened; "(none)" for an absent field. */
export function formatValue(value: unknown, max = 80): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value) && value.length === 0) return '(empty)';
  const text = Array.isArray(value) && value.every(isScalar) ? value.map((item) => JSON.stringify(item)).join(', ') : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
