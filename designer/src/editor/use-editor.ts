import { createContext, useCallback, useContext, useMemo, useReducer, useRef, useState } from 'react';
import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import type { Flow } from '../../../schemas/flow.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import { edgeKey, freshId, noteIdOf, noteNodeId, prepareFragment, type DocumentAction, type Fragment, type Position } from './document.ts';
import { historyReducer, initialHistory } from './history.ts';
import { autoLayout, withPositions } from './layout.ts';
import { errorCount, flowProblems, problemsByNode, type NodeProblem, type Problem } from './problems.ts';

/** Selected canvas items: node ids (sticky notes as `note:<id>`) and edge keys (`<from>:<port>`). */
export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };
const PASTE_STEP = 32;

export interface Editor {
  document: Flow;
  selection: Selection;
  /** validateFlow(document, resources), live. */
  problems: Problem[];
  nodeProblems: Map<string, NodeProblem>;
  errors: number;
  canUndo: boolean;
  canRedo: boolean;
  /** The document differs from the one last loaded or saved. */
  dirty: boolean;
  /** The flow's revision as last loaded or saved; a save sends it. */
  revision: number;

  dispatch(action: DocumentAction, coalesce?: string): void;
  updateConfig(nodeId: string, config: unknown): void;
  updateLabel(nodeId: string, label: string): void;
  updateNote(noteId: string, text: string): void;
  addNode(definition: AnyBlockDefinition, position: Position): void;
  addNote(position: Position): void;
  connect(from: string, port: string, to: string): void;
  select(nodeIds: readonly string[], edgeKeys?: readonly string[]): void;
  /** A selection change from the canvas, applied to the latest selection (node and edge changes arrive separately). */
  changeSelection(update: (selection: Selection) => Selection): void;
  deleteSelection(): void;
  /** The selected blocks and notes, with the edges among them (for the clipboard, see clipboard.ts); undefined when nothing is selected. */
  copySelection(): Fragment | undefined;
  /** Adds the items one step down and right of where they were, with fresh ids, selected; returns them as added. */
  paste(fragment: Fragment): Fragment;
  layout(): void;
  undo(): void;
  redo(): void;
  beginGesture(): void;
  endGesture(): void;
  /** Marks `document` as saved at `revision` (the current document stays, with its history). */
  markSaved(document: Flow, revision: number): void;
  /** A new document with no history: a flow opened, or reloaded after a conflict. */
  load(document: Flow, revision: number): void;
}

/**
 * The editor for one flow: an undoable document, a selection that is not
 * undoable, and live validation against the resources the server knows.
 */
export function useEditor(initial: Flow, initialRevision: number, resources: readonly Resource[] | undefined): Editor {
  const [history, send] = useReducer(historyReducer, initial, (document) => initialHistory(withPositions(document)));
  const [saved, setSaved] = useState<{ document: Flow; revision: number }>(() => ({ document: history.present, revision: initialRevision }));
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const document = history.present;

  const checked = useRef<{ document: Flow; resources: typeof resources; problems: Problem[] } | null>(null);
  const problems = useMemo(() => {
    const last = checked.current;
    // Dragging changes positions only, many times a second: the problems stay the same.
    if (last && last.resources === resources && sameButPositions(last.document, document)) return last.problems;
    const result = flowProblems(document, resources);
    checked.current = { document, resources, problems: result };
    return result;
  }, [document, resources]);
  const nodeProblems = useMemo(() => problemsByNode(problems), [problems]);

  const dispatch = useCallback((action: DocumentAction, coalesce?: string) => send({ type: 'edit', action, coalesce }), []);
  const select = useCallback((nodes: readonly string[], edges: readonly string[] = []) => setSelection({ nodes, edges }), []);

  const copySelection = useCallback((): Fragment | undefined => {
    const ids = new Set(selection.nodes);
    const nodes = document.nodes.filter((node) => ids.has(node.id));
    const noteIds = new Set(selection.nodes.map(noteIdOf).filter((id) => id !== undefined));
    const notes = (document.notes ?? []).filter((note) => noteIds.has(note.id));
    if (nodes.length + notes.length === 0) return undefined;
    const edges = document.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to));
    return structuredClone({ nodes, edges, notes });
  }, [document, selection]);

  const paste = useCallback(
    (source: Fragment): Fragment => {
      const fragment = prepareFragment(document, source, { x: PASTE_STEP, y: PASTE_STEP });
      send({ type: 'edit', action: { type: 'paste', fragment, offset: { x: 0, y: 0 } } });
      setSelection({ nodes: [...fragment.nodes.map((node) => node.id), ...fragment.notes.map((note) => noteNodeId(note.id))], edges: [] });
      return fragment;
    },
    [document],
  );

  const deleteSelection = useCallback(() => {
    const noteIds = selection.nodes.map(noteIdOf).filter((id) => id !== undefined);
    send({ type: 'edit', action: { type: 'delete', nodeIds: selection.nodes.filter((id) => noteIdOf(id) === undefined), edgeKeys: selection.edges, noteIds } });
    setSelection(EMPTY_SELECTION);
  }, [selection]);

  return {
    document,
    selection,
    problems,
    nodeProblems,
    errors: errorCount(problems),
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    dirty: document !== saved.document,
    revision: saved.revision,
    dispatch,
    updateConfig: (nodeId, config) => dispatch({ type: 'update-config', nodeId, config }, `config:${nodeId}`),
    updateLabel: (nodeId, label) => dispatch({ type: 'update-label', nodeId, label }, `label:${nodeId}`),
    updateNote: (noteId, text) => dispatch({ type: 'update-note', noteId, text }, `note:${noteId}`),
    addNode: (definition, position) => {
      const id = freshId(definition.type, new Set(document.nodes.map((node) => node.id)));
      dispatch({ type: 'add-node', definition, position, id });
      setSelection({ nodes: [id], edges: [] });
    },
    addNote: (position) => {
      const id = freshId('note-1', new Set((document.notes ?? []).map((note) => note.id)));
      dispatch({ type: 'add-note', position, text: '', id });
      setSelection({ nodes: [noteNodeId(id)], edges: [] });
    },
    connect: (from, port, to) => dispatch({ type: 'connect', from, port, to }),
    select,
    changeSelection: setSelection,
    deleteSelection,
    copySelection,
    paste,
    layout: () => dispatch({ type: 'move', positions: autoLayout(document) }),
    undo: () => send({ type: 'undo' }),
    redo: () => send({ type: 'redo' }),
    beginGesture: () => send({ type: 'begin-gesture' }),
    endGesture: () => send({ type: 'end-gesture' }),
    markSaved: (savedDocument, revision) => setSaved({ document: savedDocument, revision }),
    load: (next, revision) => {
      const placed = withPositions(next);
      send({ type: 'reset', document: placed });
      setSaved({ document: placed, revision });
      setSelection(EMPTY_SELECTION);
    },
  };
}

function sameButPositions(a: Flow, b: Flow): boolean {
  if (a === b) return true;
  const { nodes: nodesA, notes: _notesA, ...restA } = a;
  const { nodes: nodesB, notes: _notesB, ...restB } = b;
  const keys = Object.keys(restA) as Array<keyof typeof restA>;
  if (keys.length !== Object.keys(restB).length || keys.some((key) => restA[key] !== restB[key])) return false;
  return (
    nodesA.length === nodesB.length &&
    nodesA.every((node, index) => {
      const other = nodesB[index];
      return node === other || (node.id === other.id && node.type === other.type && node.version === other.version && node.label === other.label && node.config === other.config);
    })
  );
}

/** The editor of the open flow, for components deep in the canvas (sticky notes editing their text). */
export const EditorContext = createContext<Editor | null>(null);

export function useEditorContext(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditorContext needs an <EditorContext.Provider>');
  return editor;
}

export { edgeKey };
