import dagre from '@dagrejs/dagre';
import { portsOf } from '../../../schemas/block.ts';
import { blockDefinition } from '../../../schemas/blocks/index.ts';
import type { Flow, FlowNode } from '../../../schemas/flow.ts';
import type { Position } from './document.ts';

/** Sizes the automatic layout assumes; they match `.block-node` in styles.css. */
export const NODE_WIDTH = 248;
const HEADER_HEIGHT = 58;
const SUMMARY_HEIGHT = 30;
const PORT_HEIGHT = 26;
const PORTS_PADDING = 12;

function portCount(node: FlowNode, flow: Flow): number {
  const definition = blockDefinition(node.type);
  let ids = new Set<string>();
  try {
    if (definition) ids = new Set(portsOf(definition, node.config).map((port) => port.id));
  } catch {
    if (definition) ids = new Set(definition.ports.map((port) => port.id));
  }
  for (const edge of flow.edges) if (edge.from === node.id) ids.add(edge.port);
  return ids.size;
}

export function estimatedHeight(node: FlowNode, flow: Flow): number {
  const ports = portCount(node, flow);
  return HEADER_HEIGHT + SUMMARY_HEIGHT + (ports > 0 ? ports * PORT_HEIGHT + PORTS_PADDING : 0);
}

/** Left-to-right dagre positions (top-left corners) for `nodes`, with the edges among them. */
export function layoutNodes(flow: Flow, nodes: readonly FlowNode[], top = 0): Record<string, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 96 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: estimatedHeight(node, flow) });
  for (const edge of flow.edges) if (graph.hasNode(edge.from) && graph.hasNode(edge.to)) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);
  const result: Record<string, Position> = {};
  for (const node of nodes) {
    const { x, y, height } = graph.node(node.id);
    // dagre gives centres; React Flow wants top-left corners.
    result[node.id] = { x: Math.round(x - NODE_WIDTH / 2), y: Math.round(top + y - height / 2) };
  }
  return result;
}

/** The whole flow laid out afresh. */
export function autoLayout(flow: Flow): Record<string, Position> {
  return layoutNodes(flow, flow.nodes);
}

/**
 * Places the nodes a flow file leaves unplaced. Placed nodes keep theirs; the
 * laid-out rest go below them so the two never overlap.
 */
export function withPositions(flow: Flow): Flow {
  const unplaced = flow.nodes.filter((node) => !node.position);
  if (unplaced.length === 0) return flow;
  let bottom: number | undefined;
  for (const node of flow.nodes) {
    if (!node.position) continue;
    const end = node.position.y + estimatedHeight(node, flow);
    bottom = Math.max(bottom ?? end, end);
  }
  const placed = layoutNodes(flow, unplaced, bottom === undefined ? 0 : bottom + 120);
  return { ...flow, nodes: flow.nodes.map((node) => (node.position ? node : { ...node, position: placed[node.id] })) };
}
