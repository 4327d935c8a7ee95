import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import type { Flow } from '../../../schemas/flow.ts';
import { validateFlow } from '../../../schemas/validate.ts';

/** The server refuses bodies over 2 MiB; a bigger file is refused here, before it is read. */
export const MAX_FLOW_FILE_BYTES = 2 * 1024 * 1024;

export type FlowFileResult = { ok: true; flow: Flow; warnings: number } | { ok: false; error: string };

const MAX_LISTED = 3;
/** Deeper than any real flow (a block config nests a few levels): anything past it is refused, not walked. */
export const MAX_FLOW_FILE_DEPTH = 48;
/** Keys that mean something to JavaScript objects rather than to a flow. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Beyond this a position puts a block where nobody can find it: a broken or hostile file. */
const MAX_COORDINATE = 1_000_000;

/** The first reason a parsed document is unsafe to hand to the editor (too deep, a forbidden key), walked without recursion. */
function unsafeStructure(document: unknown): string | undefined {
  const stack: Array<{ value: unknown; depth: number; at: string }> = [{ value: document, depth: 0, at: '' }];
  while (stack.length > 0) {
    const { value, depth, at } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_FLOW_FILE_DEPTH) return `it nests more than ${MAX_FLOW_FILE_DEPTH} levels deep (at ${at || '/'})`;
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, depth: depth + 1, at: `${at}/${index}` }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `it holds the key "${key}" (at ${at || '/'}), which no flow uses`;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, at: `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
    }
  }
  return undefined;
}

/** What the canvas cannot draw even as a draft: two nodes with one id, an edge to nowhere, a port wired twice, a block off the map. */
function graphDefects(flow: Flow): string[] {
  const defects: string[] = [];
  const ids = new Set<string>();
  flow.nodes.forEach((node, index) => {
    if (ids.has(node.id)) defects.push(`/nodes/${index}/id: node id "${node.id}" is used twice`);
    ids.add(node.id);
    const { x, y } = node.position ?? { x: 0, y: 0 };
    if (Math.abs(x) > MAX_COORDINATE || Math.abs(y) > MAX_COORDINATE) defects.push(`/nodes/${index}/position: ${x}, ${y} is off the canvas`);
  });
  const ports = new Set<string>();
  flow.edges.forEach((edge, index) => {
    if (!ids.has(edge.from)) defects.push(`/edges/${index}/from: node "${edge.from}" does not exist`);
    if (!ids.has(edge.to)) defects.push(`/edges/${index}/to: node "${edge.to}" does not exist`);
    const key = `${edge.from}:${edge.port}`;
    if (ports.has(key)) defects.push(`/edges/${index}: port "${edge.port}" of "${edge.from}" is connected twice`);
    ports.add(key);
  });
  const notes = new Set<string>();
  (flow.notes ?? []).forEach((note, index) => {
    if (notes.has(note.id)) defects.push(`/notes/${index}/id: note id "${note.id}" is used twice`);
    notes.add(note.id);
  });
  return defects;
}

const listed = (items: readonly string[]) => items.slice(0, MAX_LISTED).join('; ') + (items.length > MAX_LISTED ? ` (and ${items.length - MAX_LISTED} more)` : '');

/**
 * Checks a file an analyst imports. Anything that is not a flow this designer
 * can open is refused with a sentence saying why; nothing is changed until a
 * file passes. Graph problems (an unconnected port) do not block: the draft
 * opens and the validation panel lists them. Never throws.
 */
export function parseFlowFile(text: string, fileName = 'the file'): FlowFileResult {
  if (text.length > MAX_FLOW_FILE_BYTES) {
    return { ok: false, error: `${fileName} is too large (${Math.round(text.length / 1024)} KiB; at most ${MAX_FLOW_FILE_BYTES / 1024 / 1024} MiB)` };
  }
  // Editors on Windows save JSON with a byte-order mark, which JSON.parse refuses.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, error: `${fileName} is empty` };
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    return { ok: false, error: `${fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    const what = Array.isArray(document) ? 'an array' : document === null ? 'null' : `a ${typeof document}`;
    return { ok: false, error: `${fileName} is not a Switchyard flow: it must hold one JSON object, not ${what}` };
  }
  const unsafe = unsafeStructure(document);
  if (unsafe) return { ok: false, error: `${fileName} is not a Switchyard flow: ${unsafe}` };
  let result: ReturnType<typeof validateFlow>;
  try {
    result = validateFlow(document);
  } catch (error) {
    // Whatever else a hostile document does to the validator: a refusal, not a crash.
    return { ok: false, error: `${fileName} could not be checked (${error instanceof Error ? error.message : String(error)})` };
  }
  const { flow, problems } = result;
  const list = (items: typeof problems) => listed(items.map((problem) => `${problem.pointer || '/'}: ${problem.message}`));
  if (!flow) return { ok: false, error: `${fileName} is not a Switchyard flow: ${list(problems)}` };
  const newer = problems.filter((problem) => /\/version$/.test(problem.pointer) && problem.severity === 'error');
  if (newer.length > 0) return { ok: false, error: `${fileName} cannot be opened: ${list(newer)}` };
  const unknown = problems.filter((problem) => /^\/nodes\/\d+\/type$/.test(problem.pointer));
  if (unknown.length > 0) {
    const types = [...new Set(unknown.map((problem) => /unknown block type "([^"]*)"/.exec(problem.message)?.[1] ?? problem.pointer))];
    return { ok: false, error: `${fileName} uses blocks this Switchyard does not know: ${listed(types.map((type) => `"${type}"`))}` };
  }
  const defects = graphDefects(flow);
  if (defects.length > 0) return { ok: false, error: `${fileName} cannot be opened: ${listed(defects)}` };
  const { revision: _revision, ...clean } = flow;
  return { ok: true, flow: clean, warnings: problems.length };
}

/** Saves the flow as `<id>.flow.json` through the browser's download. */
export function downloadFlow(flow: Flow): void {
  const { revision: _revision, ...document } = flow;
  const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(window.document.createElement('a'), { href: url, download: `${flow.id}.flow.json` });
  window.document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A new draft: its trigger block alone, listening to `account`. */
export function newFlowDocument(id: string, name: string, trigger: AnyBlockDefinition, account: string): Flow {
  return {
    id,
    name,
    trigger: { accounts: [account] },
    nodes: [{ id: 'start', type: trigger.type, version: trigger.version, config: structuredClone(trigger.defaultConfig) as Record<string, unknown>, position: { x: 0, y: 0 } }],
    edges: [],
  };
}

/** The first free `<id>-copy`, `<id>-copy-2`… among `taken`. */
export function copyId(id: string, taken: ReadonlySet<string>): string {
  const base = `${id}-copy`.slice(0, 64);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 60)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
