import { useId } from 'react';
import { Field } from './fields.tsx';

/** Every IANA zone this browser knows; the server checks the same way (schemas/resource-check.ts). */
const ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

function offsetOf(zone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date())
      .find((entry) => entry.type === 'timeZoneName');
    return part ? part.value : '';
  } catch {
    return '';
  }
}

/** A searchable zone picker: type "Par" and pick Europe/Paris. Shows the zone's offset today. */
export function TimeZonePicker({ value, onChange }: { value: string; onChange(zone: string): void }) {
  const listId = useId();
  const offset = value ? offsetOf(value) : '';
  return (
    <Field label="Time zone" pointer="/timeZone" hint={offset ? `${offset} today, daylight saving included` : 'an IANA zone such as Europe/Paris'}>
      {(id, invalid) => (
        <>
          <input
            id={id}
            className="input"
            list={listId}
            value={value}
            placeholder="Europe/Paris"
            aria-invalid={invalid || undefined}
            data-pointer="/timeZone"
            onChange={(event) => onChange(event.target.value)}
          />
          <datalist id={listId}>
            {ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
