import dagre from '@dagrejs/dagre';
import { MarkerType, type Edge, type Node, type XYPosition } from '@xyflow/react';
import { portsOf, type AnyBlockDefinition, type PortDefinition } from '../../../schemas/block.ts';
import { blockDefinition } from '../../../schemas/blocks/index.ts';
import type { Flow, FlowNode } from '../../../schemas/flow.ts';

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
  /** Set when the config is too broken for the block to derive its ports or summary. */
  problem: string | undefined;
};

export type BlockNodeType = Node<BlockNodeData, 'block'>;

/** Sizes the automatic layout assumes; they match `.block-node` in styles.css. */
export const NODE_WIDTH = 248;
const HEADER_HEIGHT = 58;
const SUMMARY_HEIGHT = 30;
const PORT_HEIGHT = 26;
const PORTS_PADDING = 12;

function blockNodeData(node: FlowNode, outgoingPorts: ReadonlySet<string>): BlockNodeData {
  const definition = blockDefinition(node.type);
  let ports: CanvasPort[] = [];
  let summary: string | undefined;
  let problem: string | undefined;
  if (!definition) {
    problem = `unknown block type "${node.type}"`;
  } else {
    // Drafts may be saved with config problems, so the block's own functions may throw on them.
    try {
      ports = portsOf(definition, node.config);
      summary = definition.summary?.(node.config);
    } catch {
      ports = [...definition.ports];
      problem = 'config is incomplete';
    }
  }
  // Keep every wired port visible, so an edge to a removed port shows up rather than vanishing.
  const known = new Set(ports.map((port) => port.id));
  for (const id of outgoingPorts) if (!known.has(id)) ports.push({ id, label: id, stale: true });
  return { node, definition, ports, summary, problem };
}

function estimatedHeight(data: BlockNodeData): number {
  const summary = data.summary || data.problem ? SUMMARY_HEIGHT : 0;
  const ports = data.ports.length > 0 ? data.ports.length * PORT_HEIGHT + PORTS_PADDING : 0;
  return HEADER_HEIGHT + summary + ports;
}

/**
 * Left-to-right positions for the nodes a flow file leaves unplaced. Placed
 * nodes keep theirs; when some are placed, the laid-out rest go below them
 * so the two never overlap.
 */
function positions(nodes: readonly FlowNode[], data: ReadonlyMap<string, BlockNodeData>, edges: readonly Edge[]): Map<string, XYPosition> {
  const result = new Map<string, XYPosition>();
  let placedBottom: number | undefined;
  for (const node of nodes) {
    if (!node.position) continue;
    result.set(node.id, { x: node.position.x, y: node.position.y });
    const bottom = node.position.y + estimatedHeight(data.get(node.id)!);
    placedBottom = Math.max(placedBottom ?? bottom, bottom);
  }
  const unplaced = nodes.filter((node) => !node.position);
  if (unplaced.length === 0) return result;

  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 96 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of unplaced) graph.setNode(node.id, { width: NODE_WIDTH, height: estimatedHeight(data.get(node.id)!) });
  for (const edge of edges) if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const top = placedBottom === undefined ? 0 : placedBottom + 120;
  for (const node of unplaced) {
    const { x, y, height } = graph.node(node.id);
    // dagre gives centres; React Flow wants top-left corners.
    result.set(node.id, { x: x - NODE_WIDTH / 2, y: top + y - height / 2 });
  }
  return result;
}

/** A flow document as React Flow nodes and edges. */
export function toCanvas(flow: Flow): { nodes: BlockNodeType[]; edges: Edge[] } {
  const outgoing = new Map<string, Set<string>>();
  for (const edge of flow.edges) {
    const ports = outgoing.get(edge.from) ?? new Set<string>();
    ports.add(edge.port);
    outgoing.set(edge.from, ports);
  }
  const data = new Map(flow.nodes.map((node) => [node.id, blockNodeData(node, outgoing.get(node.id) ?? new Set())]));
  const edges: Edge[] = flow.edges.map((edge, index) => ({
    id: edge.id ?? `${edge.from}:${edge.port}->${edge.to}#${index}`,
    source: edge.from,
    sourceHandle: edge.port,
    target: edge.to,
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  }));
  const placed = positions(flow.nodes, data, edges);
  const nodes: BlockNodeType[] = flow.nodes.map((node) => ({
    id: node.id,
    type: 'block',
    position: placed.get(node.id)!,
    data: data.get(node.id)!,
  }));
  return { nodes, edges };
}
