import type { ReactNode } from 'react';
import type { Problem } from '../../../../schemas/problems.ts';
import { controlId, FieldHelp, FieldProblems, labelClass, type SchemaFieldProps } from './field-parts.tsx';
import { ListField, MapField } from './ListField.tsx';
import { ResourcePicker } from './ResourcePicker.tsx';
import {
  childPointer,
  emptyValue,
  fieldKind,
  humanize,
  isRecord,
  isTemplateField,
  resourceKindOf,
  unionBranch,
  type FieldSchema,
} from './schema-form.ts';

export type { FieldContext, SchemaFieldProps } from './field-parts.tsx';

/** One config value, rendered by what its schema says it is; objects and lists recurse. */
export function SchemaField(props: SchemaFieldProps): ReactNode {
  switch (fieldKind(props.schema)) {
    case 'object':
      return <ObjectField {...props} />;
    case 'map':
      return <MapField {...props} renderField={SchemaField} />;
    case 'array':
      return <ListField {...props} renderField={SchemaField} />;
    case 'enum-set':
      return <EnumSetField {...props} />;
    case 'union':
      return <UnionField {...props} />;
    case 'unsupported':
      return <UnsupportedField {...props} />;
    default:
      return <ScalarField {...props} />;
  }
}

/** The ids a control's aria-describedby should name, and its problems. */
function describe(props: SchemaFieldProps) {
  const id = controlId(props.context, props.pointer);
  const problems = props.context.problems.get(props.pointer) ?? [];
  const describedBy = [props.schema.description ? `${id}-help` : '', problems.length ? `${id}-problems` : ''].filter(Boolean).join(' ');
  return { id, problems, describedBy: describedBy || undefined };
}


function fieldClass(base: string, problems: readonly Problem[]): string {
  return problems.length ? `${base} has-problem` : base;
}

function ObjectField(props: SchemaFieldProps) {
  const { schema, value, pointer, context, onChange, bare } = props;
  const { id, problems } = describe(props);
  const record = isRecord(value) ? value : {};
  const fields = Object.entries(schema.properties ?? {}).map(([key, property]) => (
    <SchemaField
      key={key}
      name={key}
      label={property.title ?? humanize(key)}
      schema={property}
      value={record[key]}
      pointer={childPointer(pointer, key)}
      required={schema.required?.includes(key)}
      context={context}
      onChange={(next) => {
        const { [key]: _removed, ...rest } = record;
        onChange(next === undefined ? rest : { ...rest, [key]: next });
      }}
    />
  ));
  if (bare) {
    return (
      <div className="field-group" data-pointer={pointer}>
        <FieldProblems id={`${id}-problems`} problems={problems} />
        {fields}
      </div>
    );
  }
  return (
    <fieldset className={fieldClass('field field--group', problems)} data-pointer={pointer}>
      <legend className={labelClass(props.required)}>
        {props.label}
      </legend>
      <FieldHelp id={`${id}-help`} schema={schema} />
      <FieldProblems id={`${id}-problems`} problems={problems} />
      {fields}
    </fieldset>
  );
}

function ScalarField(props: SchemaFieldProps) {
  const { name, label, schema, value, pointer, context, onChange, bare } = props;
  const { id, problems, describedBy } = describe(props);
  const kind = fieldKind(schema);
  const invalid = problems.length > 0 || undefined;
  const ariaLabel = bare ? label : undefined;
  // In a list an emptied item stays (an empty string); a property is removed instead.
  const cleared = bare ? '' : undefined;
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid, 'aria-label': ariaLabel, 'aria-required': props.required || undefined };
  const placeholder = schema.default === undefined ? undefined : String(schema.default);
  let control: ReactNode;
  const resourceKind = resourceKindOf(schema, name, pointer, context.annotations);

  if (kind === 'boolean') {
    const checked = typeof value === 'boolean' ? value : schema.default === true;
    return (
      <div className={fieldClass('field field--checkbox', problems)} data-pointer={pointer}>
        <label className="field__check">
          <input type="checkbox" {...common} aria-label={undefined} checked={checked} onChange={(event) => onChange(event.target.checked)} />
          <span>{label}</span>
          {value === undefined && schema.default !== undefined && <span className="field__default">(default)</span>}
        </label>
        <FieldHelp id={`${id}-help`} schema={schema} />
        <FieldProblems id={`${id}-problems`} problems={problems} />
      </div>
    );
  }
  if (resourceKind) {
    control = (
      <ResourcePicker
        id={id}
        kind={resourceKind}
        value={value}
        resources={context.resources}
        describedBy={describedBy}
        invalid={problems.length > 0}
        ariaLabel={ariaLabel}
        required={props.required}
        onChange={(next) => onChange(next ?? cleared)}
      />
    );
  } else if (kind === 'enum') {
    const options = schema.enum ?? [];
    const known = value === undefined || options.some((option) => option === value);
    control = (
      <select
        {...common}
        className="field__control"
        value={value === undefined ? '' : JSON.stringify(value)}
        onChange={(event) => onChange(event.target.value === '' ? undefined : JSON.parse(event.target.value))}
      >
        {(value === undefined || !props.required) && <option value="">{placeholder === undefined ? '—' : `default (${placeholder})`}</option>}
        {!known && <option value={JSON.stringify(value)}>{String(value)} (not allowed)</option>}
        {options.map((option) => (
          <option key={JSON.stringify(option)} value={JSON.stringify(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'number' || kind === 'integer') {
    control = (
      <input
        {...common}
        className="field__control field__control--number"
        type="number"
        min={schema.minimum}
        max={schema.maximum}
        step={kind === 'integer' ? 1 : 'any'}
        placeholder={placeholder}
        value={typeof value === 'number' ? value : ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
      />
    );
  } else if (isTemplateField(schema, pointer, context.annotations)) {
    control = (
      <textarea
        {...common}
        className="field__control field__control--template"
        rows={3}
        placeholder={placeholder}
        value={typeof value === 'string' ? value : ''}
        data-template="liquid"
        onChange={(event) => onChange(event.target.value === '' ? cleared : event.target.value)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        className="field__control"
        type="text"
        placeholder={placeholder}
        value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
        onChange={(event) => onChange(event.target.value === '' ? cleared : event.target.value)}
      />
    );
  }
  return (
    <div className={fieldClass('field', problems)} data-pointer={pointer}>
      {!bare && (
        <label className={labelClass(props.required)} htmlFor={id}>
          {label}
          </label>
      )}
      {control}
      <FieldHelp id={`${id}-help`} schema={schema} />
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

/** An array of enum values: one checkbox per value; none checked leaves the field out (the block's default applies). */
function EnumSetField(props: SchemaFieldProps) {
  const { label, schema, value, pointer, onChange } = props;
  const { id, problems } = describe(props);
  const chosen = Array.isArray(value) ? value : [];
  const options = schema.items?.enum ?? [];
  const toggle = (option: unknown, on: boolean) => {
    const next = on ? [...chosen, option] : chosen.filter((entry) => entry !== option);
    onChange(next.length === 0 && !props.required ? undefined : next);
  };
  return (
    <fieldset className={fieldClass('field field--group field--choices', problems)} data-pointer={pointer}>
      <legend className={labelClass(props.required)}>
        {label}
      </legend>
      <div className="field__choices">
        {options.map((option) => (
          <label key={String(option)} className="field__check">
            <input type="checkbox" checked={chosen.includes(option)} onChange={(event) => toggle(option, event.target.checked)} />
            <span>{String(option)}</span>
          </label>
        ))}
      </div>
      {value === undefined && (
        <p className="field__default">
          None chosen: the block’s default applies{Array.isArray(schema.default) ? ` (${schema.default.join(', ')})` : ''}.
        </p>
      )}
      <FieldHelp id={`${id}-help`} schema={schema} />
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </fieldset>
  );
}

/** A value of several types (`type: [...]`): a type switch, then the field for the chosen type. */
function UnionField(props: SchemaFieldProps) {
  const branch = unionBranch(props.schema, props.value);
  return (
    <div className="field-union">
      <select
        className="field-union__type"
        aria-label={`${props.label}: type`}
        value={branch.chosen}
        onChange={(event) => props.onChange(emptyValue(unionBranch({ ...props.schema, type: event.target.value }, undefined).schema))}
      >
        {branch.types.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
      <SchemaField {...props} schema={branch.schema} />
    </div>
  );
}

/** A schema the form cannot draw: the value as read-only JSON, so nothing is hidden. */
function UnsupportedField(props: SchemaFieldProps) {
  const { id, problems } = describe(props);
  return (
    <div className={fieldClass('field', problems)} data-pointer={props.pointer}>
      <span className="field__label">{props.label}</span>
      <code className="field__raw">{props.value === undefined ? '(not set)' : JSON.stringify(props.value)}</code>
      <FieldHelp id={`${id}-help`} schema={props.schema} />
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}
