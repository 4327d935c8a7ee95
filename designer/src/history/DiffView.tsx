import { blockDefinition } from '../../../schemas/blocks/index.ts';
import type { FlowNode } from '../../../schemas/flow.ts';
import { formatValue, isEmptyDiff, type EdgeRef, type FieldChange, type FlowDiff } from './diff.ts';

function nodeTitle(id: string, type: string, label?: string) {
  const definition = blockDefinition(type);
  return (
    <>
      <span className="diff__icon" aria-hidden="true">
        {definition?.icon ?? '❔'}
      </span>
      <span className="diff__node-label">{label ?? definition?.label ?? type}</span>
      <code className="diff__node-id">{id}</code>
    </>
  );
}

function Fields({ fields }: { fields: FieldChange[] }) {
  return (
    <ul className="diff__fields">
      {fields.map((field) => (
        <li key={field.pointer} className="diff__field" data-pointer={field.pointer}>
          <code className="diff__pointer">{field.pointer}</code>
          <span className="diff__before">{formatValue(field.before)}</span>
          <span className="diff__arrow">→</span>
          <span className="diff__after">{formatValue(field.after)}</span>
        </li>
      ))}
    </ul>
  );
}

const edgeText = (edge: EdgeRef) => `${edge.from} · ${edge.port} → ${edge.to}`;

function NodeList({ nodes, tone }: { nodes: FlowNode[]; tone: 'added' | 'removed' }) {
  return (
    <ul className="diff__nodes">
      {nodes.map((node) => (
        <li key={node.id} className={`diff__node diff__node--${tone}`} data-node={node.id}>
          <span className="diff__mark">{tone === 'added' ? '+' : '−'}</span>
          {nodeTitle(node.id, node.type, node.label)}
        </li>
      ))}
    </ul>
  );
}

/** A flow diff as an analyst reads it: blocks added, removed and changed (field by field), then connections. */
export function DiffView({ diff, beforeLabel, afterLabel }: { diff: FlowDiff; beforeLabel: string; afterLabel: string }) {
  if (isEmptyDiff(diff)) return <p className="diff__none">No differences between {beforeLabel} and {afterLabel}.</p>;
  const counts = [
    diff.added.length > 0 && `${diff.added.length} added`,
    diff.removed.length > 0 && `${diff.removed.length} removed`,
    diff.changed.length > 0 && `${diff.changed.length} changed`,
    diff.moved.length > 0 && `${diff.moved.length} moved`,
  ].filter(Boolean);
  return (
    <div className="diff" aria-label={`Changes from ${beforeLabel} to ${afterLabel}`}>
      <p className="diff__summary">
        From <strong>{beforeLabel}</strong> to <strong>{afterLabel}</strong>: {counts.length > 0 ? `blocks ${counts.join(', ')}` : 'no block changes'}
        {diff.edgesAdded.length + diff.edgesRemoved.length > 0 && `; ${diff.edgesAdded.length + diff.edgesRemoved.length} connection changes`}.
      </p>
      {diff.flow.length > 0 && (
        <section className="diff__section">
          <h4>Flow settings</h4>
          <Fields fields={diff.flow} />
        </section>
      )}
      {diff.added.length > 0 && (
        <section className="diff__section">
          <h4>Blocks added</h4>
          <NodeList nodes={diff.added} tone="added" />
        </section>
      )}
      {diff.removed.length > 0 && (
        <section className="diff__section">
          <h4>Blocks removed</h4>
          <NodeList nodes={diff.removed} tone="removed" />
        </section>
      )}
      {diff.changed.length > 0 && (
        <section className="diff__section">
          <h4>Blocks changed</h4>
          <ul className="diff__nodes">
            {diff.changed.map((change) => (
              <li key={change.id} className="diff__node diff__node--changed" data-node={change.id}>
                <span className="diff__mark">~</span>
                {nodeTitle(change.id, change.type)}
                <Fields fields={change.fields} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.moved.length > 0 && <p className="diff__moved">Moved on the canvas only: {diff.moved.join(', ')}</p>}
      {diff.edgesAdded.length + diff.edgesRemoved.length > 0 && (
        <section className="diff__section">
          <h4>Connections</h4>
          <ul className="diff__edges">
            {diff.edgesAdded.map((edge) => (
              <li key={`+${edgeText(edge)}`} className="diff__edge diff__edge--added">
                + {edgeText(edge)}
              </li>
            ))}
            {diff.edgesRemoved.map((edge) => (
              <li key={`-${edgeText(edge)}`} className="diff__edge diff__edge--removed">
                − {edgeText(edge)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
