import { useHasProblem } from './fields.tsx';

export interface TimeRange {
  from: string;
  to: string;
}

/** "09:00" to "17:30" as two 24-hour text inputs; "24:00" closes the day (a native time input cannot say that). */
export function TimeRangeInputs({ value, onChange, pointer, label }: { value: TimeRange; onChange(next: TimeRange): void; pointer: string; label: string }) {
  const invalid = useHasProblem(pointer);
  const fromInvalid = useHasProblem(`${pointer}/from`);
  const toInvalid = useHasProblem(`${pointer}/to`);
  const input = (which: 'from' | 'to') => (
    <input
      className="input input--time"
      aria-label={`${label} ${which === 'from' ? 'opens' : 'closes'}`}
      aria-invalid={invalid || (which === 'from' ? fromInvalid : toInvalid) || undefined}
      data-pointer={`${pointer}/${which}`}
      inputMode="numeric"
      maxLength={5}
      placeholder="HH:MM"
      value={value[which]}
      onChange={(event) => onChange({ ...value, [which]: event.target.value })}
    />
  );
  return (
    <span className="time-range">
      {input('from')}
      <span className="time-range__dash">–</span>
      {input('to')}
    </span>
  );
}
