import type { Calendar } from '../../../schemas/resources/index.ts';
import { FieldErrors, useHasProblem, withOptional } from './fields.tsx';
import { TimeRangeInputs } from './TimeRangeInputs.tsx';
import { TimeZonePicker } from './TimeZonePicker.tsx';

type SpecialDate = NonNullable<Calendar['dates']>[number];
type HolidaySet = NonNullable<Calendar['holidays']>[number];
const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;

function DateRow({ entry, index, onChange, onRemove }: { entry: SpecialDate; index: number; onChange(next: SpecialDate): void; onRemove(): void }) {
  const at = `/dates/${index}`;
  const dateInvalid = useHasProblem(`${at}/date`);
  const nameInvalid = useHasProblem(`${at}/name`);
  return (
    <li className="calendar-row" data-pointer={at}>
      <input
        type="date"
        className="input input--date"
        aria-label={`Date ${index + 1}`}
        aria-invalid={dateInvalid || undefined}
        data-pointer={`${at}/date`}
        value={entry.date}
        onChange={(event) => onChange({ ...entry, date: event.target.value })}
      />
      <input
        className="input"
        aria-label={`Name of date ${index + 1}`}
        aria-invalid={nameInvalid || undefined}
        data-pointer={`${at}/name`}
        placeholder="Christmas Eve: closing early"
        value={entry.name}
        onChange={(event) => onChange({ ...entry, name: event.target.value })}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={entry.hours !== undefined}
          onChange={(event) => onChange(withOptional(entry, 'hours', event.target.checked ? { from: '09:00', to: '13:00' } : undefined))}
        />
        part of the day
      </label>
      {entry.hours ? (
        <TimeRangeInputs value={entry.hours} label={`Date ${index + 1} hours`} pointer={`${at}/hours`} onChange={(hours) => onChange({ ...entry, hours })} />
      ) : (
        <span className="calendar-row__all-day">all day</span>
      )}
      <button type="button" className="icon-button" aria-label={`Remove date ${entry.date || index + 1}`} onClick={onRemove}>
        ×
      </button>
      <FieldErrors pointer={at} withChildren />
    </li>
  );
}

function HolidayRow({ set, index, onChange, onRemove }: { set: HolidaySet; index: number; onChange(next: HolidaySet): void; onRemove(): void }) {
  const at = `/holidays/${index}`;
  const types = set.types ?? ['public'];
  const countryInvalid = useHasProblem(`${at}/country`);
  const toggleType = (type: (typeof HOLIDAY_TYPES)[number], on: boolean) =>
    onChange({ ...set, types: on ? [...types, type] : types.filter((entry) => entry !== type) });
  return (
    <li className="calendar-row" data-pointer={at}>
      <input
        className="input input--country"
        aria-label={`Country of holiday set ${index + 1}`}
        aria-invalid={countryInvalid || undefined}
        data-pointer={`${at}/country`}
        placeholder="GB"
        maxLength={2}
        value={set.country}
        onChange={(event) => onChange({ ...set, country: event.target.value.toUpperCase() })}
      />
      <input
        className="input input--region"
        aria-label={`Region of holiday set ${index + 1}`}
        data-pointer={`${at}/region`}
        placeholder="region (optional)"
        value={set.region ?? ''}
        onChange={(event) => onChange(withOptional(set, 'region', event.target.value))}
      />
      <span className="calendar-row__types">
        {HOLIDAY_TYPES.map((type) => (
          <label key={type} className="check">
            <input type="checkbox" checked={types.includes(type)} onChange={(event) => toggleType(type, event.target.checked)} />
            {type}
          </label>
        ))}
      </span>
      <button type="button" className="icon-button" aria-label={`Remove holiday set ${set.country || index + 1}`} onClick={onRemove}>
        ×
      </button>
      <FieldErrors pointer={at} withChildren />
    </li>
  );
}

export function CalendarEditor({ value, onChange }: { value: Calendar; onChange(next: Calendar): void }) {
  const dates = value.dates ?? [];
  const holidays = value.holidays ?? [];
  const setDates = (next: SpecialDate[]) => onChange({ ...value, dates: next });
  const setHolidays = (next: HolidaySet[]) => onChange({ ...value, holidays: next });
  return (
    <>
      <TimeZonePicker value={value.timeZone} onChange={(timeZone) => onChange({ ...value, timeZone })} />
      <section className="editor__section">
        <h3 className="editor__section-title">Special dates</h3>
        <p className="field__hint">Closed all day, or only part of it (closing early).</p>
        {dates.length === 0 && <p className="editor__empty">No special dates.</p>}
        <ul className="calendar-rows">
          {dates.map((entry, index) => (
            <DateRow
              key={index}
              entry={entry}
              index={index}
              onChange={(next) => setDates(dates.map((other, at) => (at === index ? next : other)))}
              onRemove={() => setDates(dates.filter((_, at) => at !== index))}
            />
          ))}
        </ul>
        <button type="button" className="button button--small" onClick={() => setDates([...dates, { date: new Date().toISOString().slice(0, 10), name: '' }])}>
          + Date
        </button>
        <FieldErrors pointer="/dates" />
      </section>
      <section className="editor__section">
        <h3 className="editor__section-title">Public holiday sets</h3>
        <p className="field__hint">A country code (GB, US, FR…), optionally a region (ENG, CA…), and which kinds of holiday count.</p>
        {holidays.length === 0 && <p className="editor__empty">No holiday sets.</p>}
        <ul className="calendar-rows">
          {holidays.map((set, index) => (
            <HolidayRow
              key={index}
              set={set}
              index={index}
              onChange={(next) => setHolidays(holidays.map((other, at) => (at === index ? next : other)))}
              onRemove={() => setHolidays(holidays.filter((_, at) => at !== index))}
            />
          ))}
        </ul>
        <button type="button" className="button button--small" onClick={() => setHolidays([...holidays, { country: '', types: ['public'] }])}>
          + Holiday set
        </button>
        <FieldErrors pointer="/holidays" />
      </section>
    </>
  );
}
