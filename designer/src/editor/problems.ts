import type { Flow } from '../../../schemas/flow.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import { indexResources, validateFlow, type Problem, type ResourceIndex } from '../../../schemas/validate.ts';

export type { Problem } from '../../../schemas/validate.ts';

/** The worst problem of one node, for its marker and tooltip. */
export interface NodeProblem {
  severity: Problem['severity'];
  message: string;
  count: number;
}

/**
 * The flow's problems in the CLI's words. Without a resource list (still
 * loading, or the server unreachable) reference checks are skipped rather
 * than reporting every queue as unknown.
 */
export function flowProblems(document: Flow, resources: readonly Resource[] | undefined): Problem[] {
  const index: ResourceIndex | undefined = resources ? indexResources(resources) : undefined;
  try {
    return validateFlow(document, index).problems.map((problem) => ({ ...problem, nodeId: problem.nodeId ?? nodeIdAt(document, problem.pointer) }));
  } catch (error) {
    // A block's own functions may throw on a config the schema let through: a problem, not a crash.
    return [{ pointer: '', message: `could not check the flow: ${error instanceof Error ? error.message : String(error)}`, severity: 'error' }];
  }
}

/** Shape problems point into `/nodes/<index>/…` without naming the node. */
function nodeIdAt(document: Flow, pointer: string): string | undefined {
  const match = /^\/nodes\/(\d+)(\/|$)/.exec(pointer);
  return match ? document.nodes[Number(match[1])]?.id : undefined;
}

/** Per node: its first error (or, with none, its first warning) and how many problems it has. */
export function problemsByNode(problems: readonly Problem[]): Map<string, NodeProblem> {
  const result = new Map<string, NodeProblem>();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    const known = result.get(problem.nodeId);
    if (!known) result.set(problem.nodeId, { severity: problem.severity, message: problem.message, count: 1 });
    else if (known.severity === 'warning' && problem.severity === 'error') result.set(problem.nodeId, { severity: 'error', message: problem.message, count: known.count + 1 });
    else known.count++;
  }
  return result;
}

export function errorCount(problems: readonly Problem[]): number {
  return problems.filter((problem) => problem.severity === 'error').length;
}
