import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { BlockNodeType } from './to-canvas.ts';

function problemTitle(problem: { message: string; count: number }): string {
  return problem.count > 1 ? `${problem.message} (and ${problem.count - 1} more)` : problem.message;
}

/** One flow node: the block's icon and label, the node id, a summary line, and a handle per output port. */
function BlockNodeView({ data, selected }: NodeProps<BlockNodeType>) {
  const { node, definition, ports, summary, problem, lit, reason } = data;
  const category = definition ? definition.category.toLowerCase() : 'unknown';
  const classes = [
    'block-node',
    `block-node--${category}`,
    selected ? 'is-selected' : '',
    problem ? `has-${problem.severity}` : '',
    lit ? 'is-lit' : '',
  ];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-node-id={node.id}
      data-block-type={node.type}
      data-problem={problem?.severity}
      title={problem ? problemTitle(problem) : undefined}
    >
      {/* One box for the texts, so the zoomed-out canvas clips them once rather than line by line (styles.css). */}
      <div className="block-node__main">
        <header className="block-node__header">
          {/* A flex item of the header, not an absolutely placed box: see the handles in styles.css. */}
          {!definition?.trigger && <Handle type="target" position={Position.Left} className="block-node__target" />}
          <span className="block-node__icon" aria-hidden="true">
            {definition?.icon ?? '?'}
          </span>
          <span className="block-node__titles">
            <span className="block-node__label">{node.label ?? definition?.label ?? node.type}</span>
            <span className="block-node__id">{node.id}</span>
          </span>
          {problem && (
            <span className={`block-node__marker block-node__marker--${problem.severity}`} aria-label={`${problem.severity}: ${problem.message}`}>
              {problem.severity === 'error' ? '!' : '⚠'}
            </span>
          )}
        </header>
        {problem?.severity === 'error' ? (
          <p className="block-node__problem">{problem.message}</p>
        ) : (
          summary && (
            <p className="block-node__summary" title={summary}>
              {summary}
            </p>
          )
        )}
        {reason && (
          <p className="block-node__reason" title={reason}>
            {reason}
          </p>
        )}
      </div>
      {ports.length > 0 && (
        <ul className="block-node__ports">
          {ports.map((port) => (
            <li
              key={port.id}
              className={['block-node__port', port.optional ? 'is-optional' : '', port.stale ? 'is-stale' : ''].filter(Boolean).join(' ')}
              title={port.stale ? `port "${port.id}" is not one of this block's ports` : port.id}
            >
              <span className="block-node__port-label">{port.label}</span>
              <Handle type="source" position={Position.Right} id={port.id} className="block-node__source" data-port={port.id} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
