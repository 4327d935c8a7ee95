import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import type { Flow } from '../../../schemas/flow.ts';
import { validateFlow } from '../../../schemas/validate.ts';

/** The server refuses bodies over 2 MiB; a bigger file is refused here, before it is read. */
export const MAX_FLOW_FILE_BYTES = 2 * 1024 * 1024;

export type FlowFileResult = { ok: true; flow: Flow; warnings: number } | { ok: false; error: string };

const MAX_LISTED = 3;

/**
 * Checks a file an analyst imports. Anything that is not a flow this designer
 * can open is refused with a sentence saying why; nothing is changed until a
 * file passes. Graph problems (an unconnected port) do not block: the draft
 * opens and the validation panel lists them.
 */
export function parseFlowFile(text: string, fileName = 'the file'): FlowFileResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, error: `${fileName} is not a Switchyard flow: it must hold one JSON object` };
  }
  let result: ReturnType<typeof validateFlow>;
  try {
    result = validateFlow(document);
  } catch (error) {
    // A deeply nested or otherwise hostile document can exhaust the validator: a refusal, not a crash.
    return { ok: false, error: `${fileName} could not be checked (${error instanceof Error ? error.message : String(error)})` };
  }
  const { flow, problems } = result;
  const list = (items: typeof problems) =>
    items
      .slice(0, MAX_LISTED)
      .map((problem) => `${problem.pointer || '/'}: ${problem.message}`)
      .join('; ') + (items.length > MAX_LISTED ? ` (and ${items.length - MAX_LISTED} more)` : '');
  if (!flow) return { ok: false, error: `${fileName} is not a Switchyard flow: ${list(problems)}` };
  const newer = problems.filter((problem) => /\/version$/.test(problem.pointer) && problem.severity === 'error');
  if (newer.length > 0) return { ok: false, error: `${fileName} cannot be opened: ${list(newer)}` };
  const unknown = problems.filter((problem) => /^\/nodes\/\d+\/type$/.test(problem.pointer));
  if (unknown.length > 0) return { ok: false, error: `${fileName} uses blocks this Switchyard does not know: ${list(unknown)}` };
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
