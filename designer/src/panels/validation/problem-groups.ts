import type { Problem } from '../../../../schemas/problems.ts';

/** Enough of a flow node to name it in a list. */
export interface NodeRef {
  id: string;
  label?: string;
  type: string;
}

export interface ProblemGroups {
  errors: Problem[];
  warnings: Problem[];
}

/** Errors first (they block publishing), then warnings; each in the order the validator found them. */
export function groupProblems(problems: readonly Problem[]): ProblemGroups {
  return {
    errors: problems.filter((problem) => problem.severity === 'error'),
    warnings: problems.filter((problem) => problem.severity === 'warning'),
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function problemCount({ errors, warnings }: ProblemGroups): string {
  if (errors.length === 0 && warnings.length === 0) return 'No problems';
  return [errors.length ? plural(errors.length, 'error') : '', warnings.length ? plural(warnings.length, 'warning') : ''].filter(Boolean).join(', ');
}

/** What a problem is about: its node (label, else id) or the flow as a whole. */
export function problemSubject(problem: Problem, nodes: readonly NodeRef[] = []): { title: string; detail?: string } {
  if (!problem.nodeId) return { title: 'Flow' };
  const node = nodes.find((candidate) => candidate.id === problem.nodeId);
  if (node?.label) return { title: node.label, detail: problem.nodeId };
  return { title: problem.nodeId, detail: node?.type };
}
