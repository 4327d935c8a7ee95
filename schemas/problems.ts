/** One thing wrong with a document: a JSON pointer into it and a sentence a person can act on. */
export interface Problem {
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
  /** The flow node the problem belongs to, so the designer can select it. */
  nodeId?: string;
}

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: Array<string | number>): string {
  return segments.map((segment) => `/${escapePointer(segment)}`).join('');
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
