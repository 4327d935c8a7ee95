import type { Problem } from '../../../../schemas/problems.ts';
import type { Resource } from '../../../../schemas/resources/index.ts';
import type { ConfigAnnotations, FieldSchema } from './schema-form.ts';

/** What every field of one form shares. */
export interface FieldContext {
  resources: readonly Resource[];
  annotations: ConfigAnnotations;
  /** Problems by the config-relative pointer of the field they are shown under. */
  problems: ReadonlyMap<string, readonly Problem[]>;
  /** Makes control ids unique on the page (the node id). */
  idPrefix: string;
}

export interface SchemaFieldProps {
  /** The property name ('' for a list item): resource fields are recognised by it. */
  name: string;
  label: string;
  schema: FieldSchema;
  value: unknown;
  /** JSON pointer of the value, relative to the config. */
  pointer: string;
  required?: boolean;
  /** A list row or the form's root: no visible label of its own (scalars get an aria-label). */
  bare?: boolean;
  context: FieldContext;
  /** `undefined` removes the property. */
  onChange(value: unknown): void;
}

export function controlId(context: FieldContext, pointer: string): string {
  return `${context.idPrefix}-config${pointer.replace(/\//g, '.')}`;
}

export function FieldHelp({ id, schema }: { id: string; schema: FieldSchema }) {
  return schema.description ? (
    <p id={id} className="field__help">
      {schema.description}
    </p>
  ) : null;
}

export function FieldProblems({ id, problems }: { id: string; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="field__problems">
      {problems.map((problem, index) => (
        <li key={index} className={`field__problem field__problem--${problem.severity}`}>
          {problem.message}
        </li>
      ))}
    </ul>
  );
}


/** A required field's label gets a CSS asterisk (controls carry aria-required), so the label text stays the field's name. */
export function labelClass(required?: boolean): string {
  return required ? 'field__label is-required' : 'field__label';
}
