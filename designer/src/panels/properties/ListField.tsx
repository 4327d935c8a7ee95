import type { ReactNode } from 'react';
import { controlId, FieldHelp, FieldProblems, labelClass, type SchemaFieldProps } from './field-parts.tsx';
import { childPointer, emptyValue, fieldKind, isRecord, itemTitle, type FieldSchema } from './schema-form.ts';

/** Passed in rather than imported, so the list editors and SchemaField do not import each other at load time. */
interface RecursiveProps extends SchemaFieldProps {
  renderField(props: SchemaFieldProps): ReactNode;
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** An array: one row per item (rendered recursively), with add, remove and reorder. */
export function ListField({ renderField, ...props }: RecursiveProps) {
  const { label, schema, value, pointer, context, onChange } = props;
  const items = Array.isArray(value) ? value : [];
  const itemSchema: FieldSchema = schema.items ?? {};
  const scalarItems = !['object', 'map', 'array', 'union'].includes(fieldKind(itemSchema));
  const id = controlId(context, pointer);
  const problems = context.problems.get(pointer) ?? [];
  const canAdd = schema.maxItems === undefined || items.length < schema.maxItems;
  const canRemove = items.length > (schema.minItems ?? 0);
  const replace = (index: number, next: unknown) => onChange(items.map((item, at) => (at === index ? next : item)));

  return (
    <fieldset className={`field field--group field--list${problems.length ? ' has-problem' : ''}`} data-pointer={pointer}>
      <legend className={labelClass(props.required)}>
        {label}
        
        <span className="field__count">{items.length}</span>
      </legend>
      <FieldHelp id={`${id}-help`} schema={schema} />
      <FieldProblems id={`${id}-problems`} problems={problems} />
      {items.length > 0 && (
        <ol className={`list-editor${scalarItems ? ' list-editor--scalar' : ''}`}>
          {items.map((item, index) => {
            const title = itemTitle(item, index);
            return (
              <li key={index} className="list-editor__item">
                {!scalarItems && <span className="list-editor__title">{title}</span>}
                <div className="list-editor__body">
                  {renderField({
                    name: '',
                    label: `${label} ${index + 1}`,
                    schema: itemSchema,
                    value: item,
                    pointer: childPointer(pointer, index),
                    bare: true,
                    context,
                    onChange: (next) => replace(index, next),
                  })}
                </div>
                <span className="list-editor__actions">
                  <button type="button" className="icon-button" aria-label={`Move ${title} up`} disabled={index === 0} onClick={() => onChange(move(items, index, index - 1))}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${title} down`}
                    disabled={index === items.length - 1}
                    onClick={() => onChange(move(items, index, index + 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon-button icon-button--danger"
                    aria-label={`Remove ${title}`}
                    disabled={!canRemove}
                    onClick={() => onChange(items.filter((_item, at) => at !== index))}
                  >
                    ✕
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <button type="button" className="button button--small" disabled={!canAdd} onClick={() => onChange([...items, emptyValue(itemSchema)])}>
        + Add to {label.toLowerCase()}
      </button>
    </fieldset>
  );
}

function freeKey(record: Record<string, unknown>): string {
  let n = Object.keys(record).length + 1;
  while (Object.hasOwn(record, `key-${n}`)) n++;
  return `key-${n}`;
}

/** An object with free keys (`additionalProperties` as a schema), such as HTTP headers: name and value rows. */
export function MapField({ renderField, ...props }: RecursiveProps) {
  const { label, schema, value, pointer, context, onChange } = props;
  const record = isRecord(value) ? value : {};
  const entries = Object.entries(record);
  const valueSchema: FieldSchema = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
  const id = controlId(context, pointer);
  const problems = context.problems.get(pointer) ?? [];
  const rename = (index: number, key: string) => {
    if (Object.hasOwn(record, key)) return;
    onChange(Object.fromEntries(entries.map(([name, entry], at) => [at === index ? key : name, entry])));
  };
  const remove = (key: string) => {
    const { [key]: _removed, ...rest } = record;
    onChange(Object.keys(rest).length === 0 && !props.required ? undefined : rest);
  };

  return (
    <fieldset className={`field field--group field--map${problems.length ? ' has-problem' : ''}`} data-pointer={pointer}>
      <legend className="field__label">
        {label}
        <span className="field__count">{entries.length}</span>
      </legend>
      <FieldHelp id={`${id}-help`} schema={schema} />
      <FieldProblems id={`${id}-problems`} problems={problems} />
      {entries.length > 0 && (
        <ol className="list-editor list-editor--scalar">
          {entries.map(([key, entry], index) => (
            <li key={index} className="list-editor__item list-editor__item--map">
              <input className="field__control list-editor__key" aria-label={`${label} name ${index + 1}`} value={key} onChange={(event) => rename(index, event.target.value)} />
              <div className="list-editor__body">
                {renderField({
                  name: key,
                  label: `${label} ${key}`,
                  schema: valueSchema,
                  value: entry,
                  pointer: childPointer(pointer, key),
                  bare: true,
                  context,
                  onChange: (next) => onChange({ ...record, [key]: next ?? '' }),
                })}
              </div>
              <span className="list-editor__actions">
                <button type="button" className="icon-button icon-button--danger" aria-label={`Remove ${key}`} onClick={() => remove(key)}>
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="button button--small" onClick={() => onChange({ ...record, [freeKey(record)]: emptyValue(valueSchema) })}>
        + Add to {label.toLowerCase()}
      </button>
    </fieldset>
  );
}
