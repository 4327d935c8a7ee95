import { useMemo } from 'react';
import type { AnyBlockDefinition } from '../../../../schemas/block.ts';
import type { FlowNode } from '../../../../schemas/flow.ts';
import type { Problem } from '../../../../schemas/problems.ts';
import type { Resource } from '../../../../schemas/resources/index.ts';
import '../panels.css';
import { FieldProblems, type FieldContext } from './field-parts.tsx';
import { SchemaField } from './SchemaField.tsx';
import { annotate, fieldPointers, isRecord, nodeProblems, placeProblems, toFieldSchema } from './schema-form.ts';

export interface PropertiesPanelProps {
  node: FlowNode;
  /** Its block's definition; undefined for an unknown block type. */
  definition: AnyBlockDefinition | undefined;
  /** Every resource, of all kinds: resource fields pick from those of their kind. */
  resources: readonly Resource[];
  /** The whole flow's problems; the panel shows this node's. */
  problems: readonly Problem[];
  /** The node's index in flow.nodes, when problems may lack a nodeId. */
  nodeIndex?: number;
  onChange(config: Record<string, unknown>): void;
  /** `undefined` when the label is cleared (the block's own label shows). */
  onLabelChange(label: string | undefined): void;
}

/** The selected node's settings: a form generated from its block's config schema, with this node's problems inline. */
export function PropertiesPanel({ node, definition, resources, problems, nodeIndex, onChange, onLabelChange }: PropertiesPanelProps) {
  const config: Record<string, unknown> = node.config;
  const schema = useMemo(() => (definition ? toFieldSchema(definition.configSchema) : undefined), [definition]);
  const own = useMemo(() => nodeProblems(problems, node.id, nodeIndex), [problems, node.id, nodeIndex]);
  const context = useMemo<FieldContext | undefined>(() => {
    if (!definition || !schema) return undefined;
    return {
      resources,
      annotations: annotate(definition, config),
      problems: placeProblems(own.config, fieldPointers(schema, config)),
      idPrefix: `node-${node.id}`,
    };
  }, [definition, schema, resources, config, own.config, node.id]);
  const labelId = `node-${node.id}-label`;
  const hasFields = Object.keys(schema?.properties ?? {}).length > 0;

  return (
    <section className="panel properties-panel" aria-label="Properties" data-node-id={node.id}>
      <header className={`panel__header properties-panel__header block-node--${definition?.category.toLowerCase() ?? 'unknown'}`}>
        <span className="block-node__icon" aria-hidden="true">
          {definition?.icon ?? '?'}
        </span>
        <span className="properties-panel__titles">
          <span className="properties-panel__title">{definition?.label ?? node.type}</span>
          <span className="properties-panel__meta">
            <code>{node.id}</code> · {node.type} v{node.version}
          </span>
        </span>
      </header>
      {definition && <p className="panel__note">{definition.description}</p>}
      {!definition && (
        <p className="panel__note panel__note--error" role="alert">
          Unknown block type “{node.type}”: this node cannot be edited here.
        </p>
      )}

      <div className="field">
        <label className="field__label" htmlFor={labelId}>
          Label
        </label>
        <input
          id={labelId}
          className="field__control"
          type="text"
          maxLength={200}
          placeholder={definition?.label ?? node.type}
          value={node.label ?? ''}
          onChange={(event) => onLabelChange(event.target.value === '' ? undefined : event.target.value)}
        />
      </div>

      <FieldProblems id={`node-${node.id}-problems`} problems={own.other} />

      {schema && context && (
        <form className="properties-panel__form" onSubmit={(event) => event.preventDefault()} aria-label={`${definition?.label ?? node.type} settings`}>
          <SchemaField
            name=""
            label={definition?.label ?? node.type}
            schema={schema}
            value={config}
            pointer=""
            bare
            context={context}
            onChange={(next) => onChange(isRecord(next) ? next : {})}
          />
          {!hasFields && <p className="panel__note">This block has no settings.</p>}
        </form>
      )}
    </section>
  );
}
