import { edgeKey } from '../editor/document.ts';

/** A run path lit on the canvas: the nodes it visited, the edges it took, and why at each node. */
export interface Highlight {
  nodeIds: readonly string[];
  /** Edge keys, `<from>:<port>` (see `edgeKey`). */
  edgeKeys: readonly string[];
  reasons: Readonly<Record<string, string>>;
}

/** What the test panel reports: the steps of a simulated run (and what it would send and where it would go). */
export interface Trace {
  steps: ReadonlyArray<{ nodeId: string; port: string | null; reason: string }>;
  outbox: unknown[];
  route: unknown;
}

/** The path of a trace; a node visited twice shows its reasons in order. */
export function highlightFromTrace(trace: Trace | null): Highlight | null {
  if (!trace) return null;
  const nodeIds: string[] = [];
  const edgeKeys: string[] = [];
  const reasons: Record<string, string> = {};
  for (const step of trace.steps) {
    if (!nodeIds.includes(step.nodeId)) nodeIds.push(step.nodeId);
    if (step.port !== null) edgeKeys.push(edgeKey({ from: step.nodeId, port: step.port }));
    if (step.reason) reasons[step.nodeId] = Object.hasOwn(reasons, step.nodeId) ? `${reasons[step.nodeId]}; ${step.reason}` : step.reason;
  }
  return { nodeIds, edgeKeys, reasons };
}
