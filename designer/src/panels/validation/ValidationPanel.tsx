import type { Problem } from '../../../../schemas/problems.ts';
import '../panels.css';
import { groupProblems, problemCount, problemSubject, type NodeRef } from './problem-groups.ts';

export interface ValidationPanelProps {
  problems: readonly Problem[];
  /** Called with the node a clicked problem belongs to. */
  onSelect(nodeId: string): void;
  /** The flow's nodes, to show labels rather than ids. */
  nodes?: readonly NodeRef[];
}

/** The flow's problems, errors first; a problem on a node selects it when clicked. */
export function ValidationPanel({ problems, onSelect, nodes = [] }: ValidationPanelProps) {
  const groups = groupProblems(problems);
  const summary = problemCount(groups);
  const clean = groups.errors.length === 0 && groups.warnings.length === 0;
  return (
    <section className="panel validation-panel" aria-label="Validation">
      <p className={`validation-panel__summary${groups.errors.length ? ' has-errors' : clean ? ' is-clean' : ''}`} role="status">
        {clean ? '✓ No problems' : summary}
        {groups.errors.length > 0 && <span className="validation-panel__blocking"> · publishing is blocked until errors are fixed</span>}
      </p>
      {(['errors', 'warnings'] as const).map((severity) =>
        groups[severity].length === 0 ? null : (
          <div key={severity} className="validation-panel__group">
            <h3 className="panel__subtitle">{severity === 'errors' ? 'Errors' : 'Warnings'}</h3>
            <ul className="problem-list">
              {groups[severity].map((problem, index) => (
                <ProblemRow key={`${problem.pointer}-${index}`} problem={problem} nodes={nodes} onSelect={onSelect} />
              ))}
            </ul>
          </div>
        ),
      )}
    </section>
  );
}

function ProblemRow({ problem, nodes, onSelect }: { problem: Problem; nodes: readonly NodeRef[]; onSelect(nodeId: string): void }) {
  const subject = problemSubject(problem, nodes);
  const body = (
    <>
      <span className="problem__subject">
        <span className={`problem__severity problem__severity--${problem.severity}`} aria-hidden="true">
          {problem.severity === 'error' ? '●' : '▲'}
        </span>
        {subject.title}
        {subject.detail && <span className="problem__detail"> {subject.detail}</span>}
      </span>
      <span className="problem__message">{problem.message}</span>
      {problem.pointer && <code className="problem__pointer">{problem.pointer}</code>}
    </>
  );
  const nodeId = problem.nodeId;
  return (
    <li className={`problem problem--${problem.severity}`}>
      {nodeId ? (
        <button type="button" className="problem__button" onClick={() => onSelect(nodeId)} title={`Select ${subject.title}`}>
          {body}
        </button>
      ) : (
        <div className="problem__button is-static">{body}</div>
      )}
    </li>
  );
}
