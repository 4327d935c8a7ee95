import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import type { Flow, FlowEdge, FlowNode } from '../../../schemas/flow.ts';

export type FlowNote = NonNullable<Flow['notes']>[number];
// A type alias, not an interface: notes' positions have an index signature, which only aliases satisfy.
export type Position = { x: number; y: number };

/** Nodes, the edges among them and notes, as copied to the clipboard and pasted back. */
export interface Fragment {
  nodes: FlowNode[];
  edges: FlowEdge[];
  notes: FlowNote[];
}

/**
 * Every change an analyst can make to a flow document. Each is pure data, so
 * the history can replay, coalesce and test it without a canvas.
 */
export type DocumentAction =
  | { type: 'add-node'; definition: AnyBlockDefinition; position: Position; id?: string }
  | { type: 'move'; positions: Record<string, Position> }
  | { type: 'delete'; nodeIds: readonly string[]; edgeKeys?: readonly string[]; noteIds?: readonly string[] }
  | { type: 'connect'; from: string; port: string; to: string }
  | { type: 'disconnect'; edgeKeys: readonly string[] }
  | { type: 'update-config'; nodeId: string; config: unknown }
  | { type: 'update-label'; nodeId: string; label: string }
  | { type: 'update-flow'; changes: Partial<Pick<Flow, 'name' | 'description' | 'trigger'>> }
  | { type: 'paste'; fragment: Fragment; offset: Position }
  | { type: 'add-note'; position: Position; text?: string; id?: string }
  | { type: 'update-note'; noteId: string; text: string }
  | { type: 'replace'; document: Flow };

/** Edges are one per output port, so a node id and a port id name one. */
export function edgeKey(edge: Pick<FlowEdge, 'from' | 'port'>): string {
  return `${edge.from}:${edge.port}`;
}

/** The first `<base>-<n>` not in `taken` (ids stay readable: `keyword-router-2`, not a UUID). */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 56) || 'node';
  if (!taken.has(stem)) return stem;
  const root = stem.replace(/-\d+$/, '');
  for (let n = 1; ; n++) {
    const id = `${root}-${n}`;
    if (!taken.has(id)) return id;
  }
}

function round(position: Position): Position {
  return { x: Math.round(position.x), y: Math.round(position.y) };
}

function addNode(flow: Flow, action: Extract<DocumentAction, { type: 'add-node' }>): Flow {
  const { definition } = action;
  const taken = new Set(flow.nodes.map((node) => node.id));
  const id = action.id && !taken.has(action.id) ? action.id : freshId(definition.type, taken);
  // structuredClone: the catalog's default must never be shared with (and mutated through) a document.
  const config = structuredClone(definition.defaultConfig) as FlowNode['config'];
  return { ...flow, nodes: [...flow.nodes, { id, type: definition.type, version: definition.version, config, position: round(action.position) }] };
}

function move(flow: Flow, positions: Record<string, Position>): Flow {
  const nodes = flow.nodes.map((node) => (Object.hasOwn(positions, node.id) ? { ...node, position: round(positions[node.id]) } : node));
  const notes = flow.notes?.map((note) => (Object.hasOwn(positions, noteNodeId(note.id)) ? { ...note, position: round(positions[noteNodeId(note.id)]) } : note));
  return { ...flow, nodes, ...(notes && { notes }) };
}

function remove(flow: Flow, action: Extract<DocumentAction, { type: 'delete' }>): Flow {
  const nodeIds = new Set(action.nodeIds);
  const edgeKeys = new Set(action.edgeKeys ?? []);
  const noteIds = new Set(action.noteIds ?? []);
  const nodes = flow.nodes.filter((node) => !nodeIds.has(node.id));
  const edges = flow.edges.filter((edge) => !nodeIds.has(edge.from) && !nodeIds.has(edge.to) && !edgeKeys.has(edgeKey(edge)));
  const notes = flow.notes?.filter((note) => !noteIds.has(note.id));
  return { ...flow, nodes, edges, ...(notes && { notes }) };
}

function connect(flow: Flow, { from, port, to }: { from: string; port: string; to: string }): Flow {
  const ids = new Set(flow.nodes.map((node) => node.id));
  if (!ids.has(from) || !ids.has(to)) return flow;
  const key = edgeKey({ from, port });
  const existing = flow.edges.find((edge) => edgeKey(edge) === key);
  if (existing?.to === to) return flow;
  // One edge per port: connecting a wired port rewires it.
  return { ...flow, edges: [...flow.edges.filter((edge) => edgeKey(edge) !== key), { from, port, to }] };
}

function updateNode(flow: Flow, nodeId: string, change: (node: FlowNode) => FlowNode): Flow {
  let changed = false;
  const nodes = flow.nodes.map((node) => {
    if (node.id !== nodeId) return node;
    changed = true;
    return change(node);
  });
  return changed ? { ...flow, nodes } : flow;
}

/**
 * The fragment with ids that are free in `flow` (edges renamed along, edges
 * leaving the fragment dropped) and moved by `offset`. Applying it to a flow
 * where its ids are already free changes nothing, so the editor can learn the
 * new ids before it dispatches the paste.
 */
export function prepareFragment(flow: Flow, fragment: Fragment, offset: Position): Fragment {
  const taken = new Set(flow.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  const nodes = fragment.nodes.map((node) => {
    const id = freshId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
    const position = node.position ?? { x: 0, y: 0 };
    return { ...structuredClone(node), id, position: round({ x: position.x + offset.x, y: position.y + offset.y }) };
  });
  const edges = fragment.edges
    .filter((edge) => renamed.has(edge.from) && renamed.has(edge.to))
    .map((edge) => ({ from: renamed.get(edge.from)!, port: edge.port, to: renamed.get(edge.to)! }));
  const noteIds = new Set((flow.notes ?? []).map((note) => note.id));
  const notes = fragment.notes.map((note) => {
    const id = freshId(note.id, noteIds);
    noteIds.add(id);
    return { id, text: note.text, position: round({ x: (note.position?.x ?? 0) + offset.x, y: (note.position?.y ?? 0) + offset.y }) };
  });
  return { nodes, edges, notes };
}

function paste(flow: Flow, { fragment, offset }: { fragment: Fragment; offset: Position }): Flow {
  const ready = prepareFragment(flow, fragment, offset);
  if (ready.nodes.length + ready.notes.length === 0) return flow;
  return { ...flow, nodes: [...flow.nodes, ...ready.nodes], edges: [...flow.edges, ...ready.edges], notes: [...(flow.notes ?? []), ...ready.notes] };
}

/** React Flow ids of sticky notes; a colon never appears in a node id, so the two never clash. */
export function noteNodeId(noteId: string): string {
  return `note:${noteId}`;
}

export function noteIdOf(canvasId: string): string | undefined {
  return canvasId.startsWith('note:') ? canvasId.slice(5) : undefined;
}

/** Applies one change; returns the same object when nothing changed, so the history can skip no-ops. */
export function applyDocumentAction(flow: Flow, action: DocumentAction): Flow {
  switch (action.type) {
    case 'add-node':
      return addNode(flow, action);
    case 'move':
      return move(flow, action.positions);
    case 'delete':
      return remove(flow, action);
    case 'connect':
      return connect(flow, action);
    case 'disconnect': {
      const keys = new Set(action.edgeKeys);
      const edges = flow.edges.filter((edge) => !keys.has(edgeKey(edge)));
      return edges.length === flow.edges.length ? flow : { ...flow, edges };
    }
    case 'update-config':
      return updateNode(flow, action.nodeId, (node) => ({ ...node, config: action.config as FlowNode['config'] }));
    case 'update-label':
      return updateNode(flow, action.nodeId, (node) => {
        const { label: _old, ...rest } = node;
        return action.label.trim() === '' ? rest : { ...rest, label: action.label };
      });
    case 'update-flow':
      return { ...flow, ...action.changes };
    case 'paste':
      return paste(flow, action);
    case 'add-note': {
      const id = action.id ?? freshId('note-1', new Set((flow.notes ?? []).map((note) => note.id)));
      return { ...flow, notes: [...(flow.notes ?? []), { id, text: action.text ?? '', position: round(action.position) }] };
    }
    case 'update-note':
      return { ...flow, notes: (flow.notes ?? []).map((note) => (note.id === action.noteId ? { ...note, text: action.text } : note)) };
    case 'replace':
      return action.document;
  }
}
