import { parseFlowFile } from '../flows/flow-file.ts';
import type { Fragment } from './document.ts';

/**
 * Copy and paste of canvas items through the system clipboard, so blocks
 * copied in one tab can be pasted into a flow open in another. What goes on
 * the clipboard is JSON text (`{ "switchyard": "fragment", nodes, edges,
 * notes }`); what comes back is checked exactly as an imported file is
 * (parseFlowFile) before anything reaches the document, since anything can be
 * on a clipboard. Where the browser refuses the clipboard (no permission, no
 * focus, an insecure page), the copy stays in this tab's memory and paste
 * takes it from there.
 */

/** Marks clipboard text as canvas items, for people and programs reading it. */
export const FRAGMENT_MARK = 'fragment';

/** The last copy made in this tab, and whether it also reached the system clipboard. */
let lastCopy: { fragment: Fragment; text: string; inSystem: boolean } | undefined;

export type PasteSource = { ok: true; fragment: Fragment } | { ok: false; error: string };

export function fragmentText(fragment: Fragment): string {
  return JSON.stringify({ switchyard: FRAGMENT_MARK, ...fragment }, null, 2);
}

/** Keeps the copy in this tab and offers it to the system clipboard; resolves to whether the system took it. */
export async function copyFragment(fragment: Fragment): Promise<boolean> {
  const copy = { fragment: structuredClone(fragment), text: fragmentText(fragment), inSystem: false };
  lastCopy = copy;
  try {
    await navigator.clipboard.writeText(copy.text);
    copy.inSystem = true;
  } catch {
    // Permission refused or no clipboard: the copy stays in this tab.
  }
  return copy.inSystem;
}

/** After a paste, the next one lands one step further (the document shifts positions; see use-editor). */
export function rememberPasted(fragment: Fragment): void {
  if (lastCopy) lastCopy.fragment = fragment;
}

/**
 * Checks clipboard text as an import is checked: it must be JSON holding
 * `nodes` (with `edges` and `notes` if any) that would make a flow this
 * designer can open. Never throws; the message says what is wrong.
 */
export function parseFragmentText(text: string): PasteSource {
  const source = 'the clipboard';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, error: 'The clipboard holds no Switchyard blocks (it is not JSON). Copy blocks on a canvas first.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Array.isArray((parsed as { nodes?: unknown }).nodes)) {
    return { ok: false, error: 'The clipboard holds no Switchyard blocks (JSON without a "nodes" list). Copy blocks on a canvas first.' };
  }
  const { nodes, edges = [], notes = [] } = parsed as { nodes: unknown; edges?: unknown; notes?: unknown };
  // A flow around the items, so the import's checks (depth, forbidden keys, block types and versions, configs, ids, edges) apply unchanged.
  const asFlow = { id: 'clipboard', name: 'Clipboard', trigger: { accounts: ['clipboard'] }, nodes, edges, notes };
  let wrapped: string;
  try {
    wrapped = JSON.stringify(asFlow);
  } catch {
    return { ok: false, error: 'The clipboard blocks cannot be pasted: they could not be read.' };
  }
  const result = parseFlowFile(wrapped, source);
  if (!result.ok) return { ok: false, error: `Nothing was pasted: ${result.error}` };
  const flow = result.flow;
  if (flow.nodes.length + (flow.notes?.length ?? 0) === 0) return { ok: false, error: 'The clipboard holds no blocks to paste.' };
  return { ok: true, fragment: { nodes: flow.nodes, edges: flow.edges, notes: flow.notes ?? [] } };
}

/**
 * What to paste: the system clipboard's blocks, or this tab's last copy when
 * that never reached the system clipboard or the browser will not read it.
 * Resolves to undefined when there is nothing at all to paste.
 */
export async function fragmentToPaste(): Promise<PasteSource | undefined> {
  if (lastCopy && !lastCopy.inSystem) return { ok: true, fragment: lastCopy.fragment };
  let text: string;
  try {
    text = await navigator.clipboard.readText();
  } catch {
    return lastCopy ? { ok: true, fragment: lastCopy.fragment } : undefined;
  }
  if (text.trim() === '') return lastCopy ? { ok: true, fragment: lastCopy.fragment } : undefined;
  // Our own copy, unchanged: keep the stepped positions of repeated pastes.
  if (lastCopy && text === lastCopy.text) return { ok: true, fragment: lastCopy.fragment };
  return parseFragmentText(text);
}
