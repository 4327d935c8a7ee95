import type { Disposition } from '../../../schemas/resources/index.ts';
import { Field, withOptional } from './fields.tsx';

type Outcome = NonNullable<Disposition['outcome']>;
const OUTCOMES: Record<Outcome, string> = { resolved: 'Resolved', unresolved: 'Unresolved', 'no-action': 'No action needed', escalated: 'Escalated' };

export function DispositionEditor({ value, onChange }: { value: Disposition; onChange(next: Disposition): void }) {
  return (
    <Field label="Outcome" pointer="/outcome" hint="What reporting counts this code as.">
      {(id, invalid) => (
        <select
          id={id}
          className="input"
          aria-invalid={invalid || undefined}
          data-pointer="/outcome"
          value={value.outcome ?? ''}
          onChange={(event) => onChange(withOptional(value, 'outcome', event.target.value === '' ? undefined : (event.target.value as Outcome)))}
        >
          <option value="">(none)</option>
          {Object.entries(OUTCOMES).map(([outcome, label]) => (
            <option key={outcome} value={outcome}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
