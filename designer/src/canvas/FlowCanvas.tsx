import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import { useState } from 'react';
import type { Flow } from '../../../schemas/flow.ts';
import { BlockNode } from './BlockNode.tsx';
import { toCanvas, type BlockNodeType } from './to-canvas.ts';

// Module-level, so React Flow never sees a new object and re-mounts every node.
const nodeTypes = { block: BlockNode };
const defaultEdgeOptions = { type: 'smoothstep', pathOptions: { borderRadius: 12 } };
const fitViewOptions = { padding: 0.15, maxZoom: 1.1 };

/** The category colours live in styles.css (`--cat-*`); the minimap draws with inline styles, so `var()` reaches them. */
function minimapColor(node: BlockNodeType): string {
  return `var(--cat-${node.data.definition?.category.toLowerCase() ?? 'unknown'})`;
}

/**
 * A read-only view of one flow. It reads `flow` once: mount it with a key of
 * the flow's id and revision, so another flow or a newer draft starts afresh
 * (`fitView` applies on mount only).
 */
export function FlowCanvas({ flow }: { flow: Flow }) {
  const [initial] = useState(() => toCanvas(flow));
  // Controlled state, so selection works now and editing can build on it later.
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      nodeTypes={nodeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      nodesDraggable={false}
      nodesConnectable={false}
      deleteKeyCode={null}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={0.2}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
      <MiniMap<BlockNodeType> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} maskColor="rgba(241, 245, 249, 0.7)" />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
