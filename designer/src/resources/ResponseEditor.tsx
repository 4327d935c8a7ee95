import { CHANNELS } from '../../../schemas/message.ts';
import type { StandardResponse } from '../../../schemas/resources/index.ts';
import { TEMPLATE_ROOTS, templateVariables } from '../../../schemas/templates.ts';
import { Field } from './fields.tsx';

type Channel = (typeof CHANNELS)[number];
const ROOTS = new Set<string>(TEMPLATE_ROOTS);

/** Which variables the text reads, and which of them no flow can fill (a typo, most of the time). */
function VariablesPreview({ text }: { text: string }) {
  const { variables, error } = templateVariables(text);
  if (error) return <p className="template-preview template-preview--error" role="alert">Template does not parse: {error}</p>;
  if (variables.length === 0) return <p className="template-preview">Reads no variables: the same text for everyone.</p>;
  return (
    <div className="template-preview">
      <span>Reads</span>
      <ul className="template-preview__list">
        {variables.map((variable) => {
          const known = ROOTS.has(variable.split('.')[0]);
          return (
            <li key={variable} className={`chip${known ? '' : ' chip--danger'}`} title={known ? undefined : `unknown root: use one of ${TEMPLATE_ROOTS.join(', ')}`}>
              <code>{variable}</code>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function ResponseEditor({ value, onChange }: { value: StandardResponse; onChange(next: StandardResponse): void }) {
  const channels: readonly Channel[] = value.channels ?? [];
  const toggle = (channel: Channel, on: boolean) => {
    const next = on ? [...channels, channel] : channels.filter((entry) => entry !== channel);
    const { channels: _dropped, ...rest } = value;
    onChange(next.length === 0 ? rest : { ...rest, channels: CHANNELS.filter((entry) => next.includes(entry)) });
  };
  return (
    <>
      <Field label="Text" pointer="/text" hint={<>Liquid: <code>{'{{ contact.name }}'}</code>, <code>{'{% if %}…{% endif %}'}</code>, filters such as <code>{'| default: "there"'}</code>.</>}>
        {(id, invalid) => (
          <textarea id={id} className="input input--text" rows={6} aria-invalid={invalid || undefined} data-pointer="/text" value={value.text} onChange={(event) => onChange({ ...value, text: event.target.value })} />
        )}
      </Field>
      <VariablesPreview text={value.text} />
      <Field label="Channels" pointer="/channels" hint="Where flows may send it; none ticked means every channel.">
        {() => (
          <span className="inline-inputs">
            {CHANNELS.map((channel) => (
              <label key={channel} className="check">
                <input type="checkbox" checked={channels.includes(channel)} onChange={(event) => toggle(channel, event.target.checked)} />
                {channel}
              </label>
            ))}
          </span>
        )}
      </Field>
    </>
  );
}
