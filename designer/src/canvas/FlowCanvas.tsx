import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnDelete,
  type ReactFlowState,
} from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { blockDefinition } from '../../../schemas/blocks/index.ts';
import { noteIdOf, type Position } from '../editor/document.ts';
import type { Editor } from '../editor/use-editor.ts';
import { BLOCK_DRAG_TYPE } from '../palette/Palette.tsx';
import { BlockNode } from './BlockNode.tsx';
import type { Highlight } from './highlight.ts';
import { NoteNode } from './NoteNode.tsx';
import { CanvasBuilder, NODE_WIDTH, type CanvasNode, type Measured } from './to-canvas.ts';

// Module-level, so React Flow never sees a new object and re-mounts every node.
const nodeTypes = { block: BlockNode, note: NoteNode };
const defaultEdgeOptions = { type: 'smoothstep', pathOptions: { borderRadius: 12 } };
const fitViewOptions = { padding: 0.15, maxZoom: 1.1 };
const deleteKeys = ['Delete', 'Backspace'];
const multiSelectionKeys = ['Shift', 'Meta', 'Control'];

/** The category colours live in styles.css (`--cat-*`); the minimap draws with inline styles, so `var()` reaches them. */
function minimapColor(node: CanvasNode): string {
  if (node.type === 'note') return '#fde68a';
  if (node.data.problem?.severity === 'error') return 'var(--danger)';
  return `var(--cat-${node.data.definition?.category.toLowerCase() ?? 'unknown'})`;
}

/**
 * Below this zoom the canvas draws blocks in a compact form (styles.css,
 * `.is-zoomed-out`): no port labels, which are unreadable there anyway, and
 * flat handles without border, radius or shadow. Painting ~1,200 round,
 * shadowed handles was most of the frame while panning a 300-block flow.
 * The handles keep their box, so React Flow's measured handle positions stay
 * right and edges stay attached without re-measuring any node.
 */
export const COMPACT_ZOOM = 0.55;
/** A boolean, so panning at a fixed zoom changes nothing the canvas renders: only crossing the threshold does. */
const zoomedOutSelector = (state: ReactFlowState) => state.transform[2] < COMPACT_ZOOM;

const isValidConnection: IsValidConnection = (connection) =>
  connection.source !== connection.target && connection.sourceHandle !== null && noteIdOf(connection.target) === undefined && noteIdOf(connection.source) === undefined;

interface FlowCanvasProps {
  editor: Editor;
  /** A test run's path, lit on the canvas; null shows none. */
  highlight: Highlight | null;
}

/**
 * The editable canvas. The document in the editor is the one source of truth:
 * React Flow's changes are turned into editor actions, and the nodes and
 * edges are derived from the document again (measured sizes kept here).
 */
export function FlowCanvas({ editor, highlight }: FlowCanvasProps) {
  const { screenToFlowPosition } = useReactFlow();
  const zoomedOut = useStore(zoomedOutSelector);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(new Map());
  const builder = useRef(new CanvasBuilder());
  const { document, nodeProblems, selection } = editor;

  const { nodes, edges } = useMemo(
    () =>
      builder.current.build({
        document,
        nodeProblems,
        selectedNodes: new Set(selection.nodes),
        selectedEdges: new Set(selection.edges),
        highlight,
        measured,
      }),
    [document, nodeProblems, selection, highlight, measured],
  );

  // Handlers read the latest editor through a ref, so React Flow gets stable callbacks.
  const latest = useRef(editor);
  latest.current = editor;

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const positions: Record<string, Position> = {};
    let moved = false;
    const sizes: Array<[string, Measured]> = [];
    const selected = new Map<string, boolean>();
    for (const change of changes) {
      if (change.type === 'position' && change.position) {
        positions[change.id] = change.position;
        moved = true;
      } else if (change.type === 'dimensions' && change.dimensions) {
        sizes.push([change.id, { width: change.dimensions.width, height: change.dimensions.height }]);
      } else if (change.type === 'select') {
        selected.set(change.id, change.selected);
      }
      // 'remove' arrives through onDelete as one undoable step.
    }
    if (moved) latest.current.dispatch({ type: 'move', positions });
    if (sizes.length > 0) {
      setMeasured((previous) => {
        const next = new Map(previous);
        for (const [id, size] of sizes) next.set(id, size);
        return next;
      });
    }
    if (selected.size > 0) {
      latest.current.changeSelection((current) => {
        const ids = new Set(current.nodes);
        for (const [id, on] of selected) if (on) ids.add(id); else ids.delete(id);
        return { ...current, nodes: [...ids] };
      });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<Edge>[]) => {
    const selected = new Map<string, boolean>();
    for (const change of changes) if (change.type === 'select') selected.set(change.id, change.selected);
    if (selected.size === 0) return;
    latest.current.changeSelection((current) => {
      const keys = new Set(current.edges);
      for (const [key, on] of selected) if (on) keys.add(key); else keys.delete(key);
      return { ...current, edges: [...keys] };
    });
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    if (connection.sourceHandle) latest.current.connect(connection.source, connection.sourceHandle, connection.target);
  }, []);

  const onDelete: OnDelete<CanvasNode, Edge> = useCallback(({ nodes: removed, edges: removedEdges }) => {
    const nodeIds = removed.filter((node) => node.type === 'block').map((node) => node.id);
    const noteIds = removed.map((node) => noteIdOf(node.id)).filter((id) => id !== undefined);
    latest.current.dispatch({ type: 'delete', nodeIds, noteIds, edgeKeys: removedEdges.map((edge) => edge.id) });
    latest.current.select([]);
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(BLOCK_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(BLOCK_DRAG_TYPE);
      const definition = type ? blockDefinition(type) : undefined;
      if (!definition) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Drop the node with its header under the pointer, not its top-left corner.
      latest.current.addNode(definition, { x: point.x - NODE_WIDTH / 2, y: point.y - 24 });
    },
    [screenToFlowPosition],
  );

  const beginGesture = useCallback(() => latest.current.beginGesture(), []);
  const endGesture = useCallback(() => latest.current.endGesture(), []);

  return (
    <ReactFlow<CanvasNode, Edge>
      className={zoomedOut ? 'is-zoomed-out' : undefined}
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onDelete={onDelete}
      onNodeDragStart={beginGesture}
      onNodeDragStop={endGesture}
      onSelectionDragStart={beginGesture}
      onSelectionDragStop={endGesture}
      onDragOver={onDragOver}
      onDrop={onDrop}
      isValidConnection={isValidConnection}
      nodeTypes={nodeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      connectionLineType={ConnectionLineType.SmoothStep}
      deleteKeyCode={deleteKeys}
      multiSelectionKeyCode={multiSelectionKeys}
      selectionKeyCode="Shift"
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={0.2}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
      <MiniMap<CanvasNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} maskColor="rgba(241, 245, 249, 0.7)" />
      <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
    </ReactFlow>
  );
}
