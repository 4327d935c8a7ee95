import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { portsOf, type AnyBlockDefinition, type PortDefinition } from '../../../schemas/block.ts';
import { blockDefinition } from '../../../schemas/blocks/index.ts';
import type { Flow, FlowNode } from '../../../schemas/flow.ts';
import { edgeKey, noteNodeId, type FlowNote } from '../editor/document.ts';
import type { NodeProblem } from '../editor/problems.ts';
import type { Highlight } from './highlight.ts';

export { NODE_WIDTH } from '../editor/layout.ts';

/** A port as the canvas draws it; `stale` marks a port an edge uses but the block no longer has. */
export interface CanvasPort extends PortDefinition {
  stale?: boolean;
}

export type BlockNodeData = {
  node: FlowNode;
  /** Undefined for a block type this designer does not know (the server refuses to save those, but old files may hold one). */
  definition: AnyBlockDefinition | undefined;
  ports: CanvasPort[];
  summary: string | undefined;
  /** The node's worst validation problem (or a config too broken to derive ports from). */
  problem: NodeProblem | undefined;
  /** Set when a test run passed through the node: why it went the way it did. */
  reason: string | undefined;
  lit: boolean;
};

export type NoteNodeData = { note: FlowNote };

export type BlockNodeType = Node<BlockNodeData, 'block'>;
export type NoteNodeType = Node<NoteNodeData, 'note'>;
export type CanvasNode = BlockNodeType | NoteNodeType;

export interface Measured {
  width?: number;
  height?: number;
}

function blockNodeData(node: FlowNode, outgoingPorts: ReadonlySet<string>, problem: NodeProblem | undefined, highlight: Highlight | null): BlockNodeData {
  const definition = blockDefinition(node.type);
  let ports: CanvasPort[] = [];
  let summary: string | undefined;
  if (!definition) {
    problem ??= { severity: 'error', message: `unknown block type "${node.type}"`, count: 1 };
  } else {
    // Drafts may hold config problems, so the block's own functions may throw on them.
    try {
      ports = portsOf(definition, node.config);
      summary = definition.summary?.(node.config);
    } catch {
      ports = [...definition.ports];
      problem ??= { severity: 'error', message: 'config is incomplete', count: 1 };
    }
  }
  // Keep every wired port visible, so an edge to a removed port shows up rather than vanishing.
  const known = new Set(ports.map((port) => port.id));
  for (const id of outgoingPorts) if (!known.has(id)) ports.push({ id, label: id, stale: true });
  const lit = highlight?.nodeIds.includes(node.id) ?? false;
  return { node, definition, ports, summary, problem, reason: lit ? highlight?.reasons[node.id] : undefined, lit };
}

export interface CanvasInput {
  document: Flow;
  nodeProblems: ReadonlyMap<string, NodeProblem>;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  highlight: Highlight | null;
  measured: ReadonlyMap<string, Measured>;
}

interface CachedNode {
  source: FlowNode;
  outgoing: string;
  problem: NodeProblem | undefined;
  lit: boolean;
  reason: string | undefined;
  selected: boolean;
  measured: Measured | undefined;
  node: BlockNodeType;
}

const sameProblem = (a: NodeProblem | undefined, b: NodeProblem | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.message === b.message && a.severity === b.severity && a.count === b.count);

/**
 * Turns the document into React Flow nodes and edges, reusing the node
 * objects whose inputs did not change: React Flow then skips them, and the
 * memoized node components do not re-render while one node is dragged.
 */
export class CanvasBuilder {
  private cache = new Map<string, CachedNode>();

  build(input: CanvasInput): { nodes: CanvasNode[]; edges: Edge[] } {
    const { document, nodeProblems, selectedNodes, selectedEdges, highlight, measured } = input;
    const outgoing = new Map<string, string[]>();
    for (const edge of document.edges) outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge.port]);
    const next = new Map<string, CachedNode>();
    const nodes: CanvasNode[] = document.nodes.map((flowNode) => {
      const ports = (outgoing.get(flowNode.id) ?? []).join('\u0000');
      const problem = nodeProblems.get(flowNode.id);
      const lit = highlight?.nodeIds.includes(flowNode.id) ?? false;
      const reason = lit ? highlight?.reasons[flowNode.id] : undefined;
      const selected = selectedNodes.has(flowNode.id);
      const size = measured.get(flowNode.id);
      const old = this.cache.get(flowNode.id);
      if (
        old &&
        old.source === flowNode &&
        old.outgoing === ports &&
        sameProblem(old.problem, problem) &&
        old.lit === lit &&
        old.reason === reason &&
        old.selected === selected &&
        old.measured === size
      ) {
        next.set(flowNode.id, old);
        return old.node;
      }
      const reuseData = old && old.source.config === flowNode.config && old.source.label === flowNode.label && old.source.type === flowNode.type && old.outgoing === ports && sameProblem(old.problem, problem) && old.lit === lit && old.reason === reason;
      const data = reuseData ? { ...old.node.data, node: flowNode } : blockNodeData(flowNode, new Set(outgoing.get(flowNode.id)), problem, highlight);
      const node: BlockNodeType = {
        id: flowNode.id,
        type: 'block',
        position: flowNode.position ?? { x: 0, y: 0 },
        data,
        selected,
        ...(size && { measured: size }),
      };
      next.set(flowNode.id, { source: flowNode, outgoing: ports, problem, lit, reason, selected, measured: size, node });
      return node;
    });
    this.cache = next;
    for (const note of document.notes ?? []) {
      const id = noteNodeId(note.id);
      const size = measured.get(id);
      nodes.push({
        id,
        type: 'note',
        position: { x: note.position?.x ?? 0, y: note.position?.y ?? 0 },
        data: { note },
        selected: selectedNodes.has(id),
        dragHandle: '.note-node__grip',
        ...(size && { measured: size }),
      });
    }
    const litEdges = new Set(highlight?.edgeKeys ?? []);
    const edges: Edge[] = document.edges.map((edge) => {
      const key = edgeKey(edge);
      const lit = litEdges.has(key);
      return {
        id: key,
        source: edge.from,
        sourceHandle: edge.port,
        target: edge.to,
        selected: selectedEdges.has(key),
        animated: lit,
        className: lit ? 'is-lit' : highlight ? 'is-dimmed' : undefined,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      };
    });
    return { nodes, edges };
  }
}
