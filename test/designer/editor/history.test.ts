import { describe, expect, it } from 'vitest';
import { end } from '../../../schemas/blocks/end.ts';
import { routeToQueue } from '../../../schemas/blocks/route-to-queue.ts';
import type { Flow } from '../../../schemas/flow.ts';
import { applyDocumentAction, edgeKey, prepareFragment } from '../../../designer/src/editor/document.ts';
import { historyReducer, initialHistory, type History } from '../../../designer/src/editor/history.ts';
import { flowProblems, problemsByNode } from '../../../designer/src/editor/problems.ts';

const base: Flow = {
  id: 'care',
  name: 'Care',
  trigger: { accounts: ['acme-twitter'] },
  nodes: [{ id: 'start', type: 'messaging-trigger', version: 1, config: { channels: ['whatsapp'] }, position: { x: 0, y: 0 } }],
  edges: [],
};

const edit = (state: History, action: Parameters<typeof applyDocumentAction>[1], coalesce?: string, at?: number) =>
  historyReducer(state, { type: 'edit', action, coalesce, at });

describe('Editor document', () => {
  it('adds a node from the catalog with its default config, version and a fresh id', () => {
    let flow = applyDocumentAction(base, { type: 'add-node', definition: routeToQueue, position: { x: 10.4, y: 20.6 } });
    flow = applyDocumentAction(flow, { type: 'add-node', definition: routeToQueue, position: { x: 0, y: 0 } });
    expect(flow.nodes.map((node) => node.id)).toEqual(['start', 'route-to-queue', 'route-to-queue-1']);
    expect(flow.nodes[1]).toMatchObject({ type: 'route-to-queue', version: routeToQueue.version, config: routeToQueue.defaultConfig, position: { x: 10, y: 21 } });
    expect(flow.nodes[1].config).not.toBe(routeToQueue.defaultConfig);
  });

  it('keeps one edge per port: connecting a wired port rewires it', () => {
    let flow = applyDocumentAction(base, { type: 'add-node', definition: end, position: { x: 0, y: 0 }, id: 'a' });
    flow = applyDocumentAction(flow, { type: 'add-node', definition: end, position: { x: 0, y: 0 }, id: 'b' });
    flow = applyDocumentAction(flow, { type: 'connect', from: 'start', port: 'out', to: 'a' });
    flow = applyDocumentAction(flow, { type: 'connect', from: 'start', port: 'out', to: 'b' });
    expect(flow.edges).toEqual([{ from: 'start', port: 'out', to: 'b' }]);
    expect(applyDocumentAction(flow, { type: 'connect', from: 'start', port: 'out', to: 'b' })).toBe(flow);
  });

  it('deletes nodes with their edges', () => {
    let flow = applyDocumentAction(base, { type: 'add-node', definition: end, position: { x: 0, y: 0 }, id: 'done' });
    flow = applyDocumentAction(flow, { type: 'connect', from: 'start', port: 'out', to: 'done' });
    flow = applyDocumentAction(flow, { type: 'delete', nodeIds: ['done'] });
    expect(flow.nodes.map((node) => node.id)).toEqual(['start']);
    expect(flow.edges).toEqual([]);
  });

  it('pastes copies under fresh ids, keeping the edges among them', () => {
    let flow = applyDocumentAction(base, { type: 'add-node', definition: end, position: { x: 0, y: 0 }, id: 'done' });
    flow = applyDocumentAction(flow, { type: 'connect', from: 'start', port: 'out', to: 'done' });
    const fragment = prepareFragment(flow, { nodes: flow.nodes, edges: flow.edges, notes: [] }, { x: 32, y: 32 });
    const pasted = applyDocumentAction(flow, { type: 'paste', fragment, offset: { x: 0, y: 0 } });
    expect(pasted.nodes.map((node) => node.id)).toEqual(['start', 'done', 'start-1', 'done-1']);
    expect(pasted.edges.map(edgeKey)).toEqual(['start:out', 'start-1:out']);
    expect(pasted.nodes[2].position).toEqual({ x: 32, y: 32 });
  });
});

describe('Editor history', () => {
  it('undoes and redoes edits, and a new edit clears the redo steps', () => {
    let state = initialHistory(base);
    state = edit(state, { type: 'add-note', position: { x: 0, y: 0 }, text: 'one' });
    state = edit(state, { type: 'add-note', position: { x: 0, y: 0 }, text: 'two' });
    state = historyReducer(state, { type: 'undo' });
    expect(state.present.notes?.map((note) => note.text)).toEqual(['one']);
    state = historyReducer(state, { type: 'redo' });
    expect(state.present.notes?.map((note) => note.text)).toEqual(['one', 'two']);
    state = historyReducer(state, { type: 'undo' });
    state = edit(state, { type: 'update-flow', changes: { name: 'Renamed' } });
    expect(state.future).toEqual([]);
  });

  it('makes typing in one field one undo step', () => {
    let state = edit(initialHistory(base), { type: 'update-label', nodeId: 'start', label: 'S' }, 'label:start', 1000);
    state = edit(state, { type: 'update-label', nodeId: 'start', label: 'St' }, 'label:start', 1200);
    state = edit(state, { type: 'update-label', nodeId: 'start', label: 'Sta' }, 'label:start', 1400);
    expect(state.past).toHaveLength(1);
    expect(historyReducer(state, { type: 'undo' }).present.nodes[0].label).toBeUndefined();
  });

  it('makes a whole drag one undo step, and a click without a move none', () => {
    let state = historyReducer(initialHistory(base), { type: 'begin-gesture' });
    for (const x of [5, 10, 40]) state = edit(state, { type: 'move', positions: { start: { x, y: 0 } } });
    state = historyReducer(state, { type: 'end-gesture' });
    expect(state.past).toHaveLength(1);
    expect(historyReducer(state, { type: 'undo' }).present.nodes[0].position).toEqual({ x: 0, y: 0 });
    const click = historyReducer(historyReducer(state, { type: 'begin-gesture' }), { type: 'end-gesture' });
    expect(click.past).toHaveLength(1);
  });
});

describe('Editor problems', () => {
  it('marks a node with its first error, by node id even for shape problems', () => {
    const flow = applyDocumentAction(base, { type: 'update-config', nodeId: 'start', config: { channels: 'nope' } });
    const byNode = problemsByNode(flowProblems(flow, []));
    expect(byNode.get('start')?.severity).toBe('error');
  });
});
