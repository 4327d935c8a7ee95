import { WEEKDAYS, type Schedule, type Weekday } from '../../../schemas/resources/index.ts';
import { FieldErrors } from './fields.tsx';
import { TimeRangeInputs, type TimeRange } from './TimeRangeInputs.tsx';
import { TimeZonePicker } from './TimeZonePicker.tsx';

const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const MAX_RANGES = 12;

function minutes(clock: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** The day at a glance: open ranges as bars on a 24-hour track. */
function DayTrack({ ranges }: { ranges: readonly TimeRange[] }) {
  return (
    <div className="day-track" aria-hidden="true">
      {[6, 12, 18].map((hour) => (
        <span key={hour} className="day-track__tick" style={{ left: `${(hour / 24) * 100}%` }} />
      ))}
      {ranges.map((range, index) => {
        const from = minutes(range.from);
        const to = minutes(range.to);
        if (from === undefined || to === undefined || to <= from) return null;
        return (
          <span
            key={index}
            className="day-track__open"
            style={{ left: `${(from / 1440) * 100}%`, width: `${((to - from) / 1440) * 100}%` }}
            title={`${range.from}–${range.to}`}
          />
        );
      })}
    </div>
  );
}

/** Where the next range of a day starts: an hour after the last one closes, or 09:00. */
function nextRange(ranges: readonly TimeRange[]): TimeRange {
  const last = ranges[ranges.length - 1];
  const end = last ? minutes(last.to) : undefined;
  if (end === undefined) return { from: '09:00', to: '17:00' };
  const start = Math.min(end + 60, 23 * 60);
  const clock = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  return { from: clock(start), to: start + 120 >= 1440 ? '24:00' : clock(start + 120) };
}

export function ScheduleEditor({ value, onChange }: { value: Schedule; onChange(next: Schedule): void }) {
  const setDay = (day: Weekday, ranges: TimeRange[]) => {
    const weekly = { ...value.weekly };
    if (ranges.length === 0) delete weekly[day];
    else weekly[day] = ranges;
    onChange({ ...value, weekly });
  };
  const copyToWeekdays = (day: Weekday) => {
    const ranges = value.weekly[day] ?? [];
    const weekly = { ...value.weekly };
    for (const other of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) {
      if (ranges.length === 0) delete weekly[other];
      else weekly[other] = ranges.map((range) => ({ ...range }));
    }
    onChange({ ...value, weekly });
  };

  return (
    <>
      <TimeZonePicker value={value.timeZone} onChange={(timeZone) => onChange({ ...value, timeZone })} />
      <section className="editor__section">
        <h3 className="editor__section-title">Weekly hours</h3>
        <p className="field__hint">Several ranges a day are allowed (a lunch break); a day without ranges is closed. “24:00” closes at midnight.</p>
        <div className="week-grid" role="table" aria-label="Weekly hours">
          <div className="week-grid__scale" aria-hidden="true">
            <span />
            <span className="week-grid__hours">
              <span>0</span>
              <span>6</span>
              <span>12</span>
              <span>18</span>
              <span>24</span>
            </span>
            <span />
          </div>
          {WEEKDAYS.map((day) => {
            const ranges = value.weekly[day] ?? [];
            return (
              <div key={day} className={`week-grid__day${ranges.length === 0 ? ' is-closed' : ''}`} role="row" data-day={day}>
                <span className="week-grid__name" role="rowheader">
                  {DAY_NAMES[day]}
                </span>
                <div className="week-grid__body" role="cell">
                  <DayTrack ranges={ranges} />
                  <div className="week-grid__ranges">
                    {ranges.length === 0 && <span className="week-grid__closed">Closed</span>}
                    {ranges.map((range, index) => (
                      <span key={index} className="week-grid__range">
                        <TimeRangeInputs
                          value={range}
                          label={`${DAY_NAMES[day]} range ${index + 1}`}
                          pointer={`/weekly/${day}/${index}`}
                          onChange={(next) => setDay(day, ranges.map((entry, at) => (at === index ? next : entry)))}
                        />
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Remove ${DAY_NAMES[day]} ${range.from}–${range.to}`}
                          onClick={() => setDay(day, ranges.filter((_, at) => at !== index))}
                        >
                          ×
                        </button>
                      </span>
                    ))}
                  </div>
                  <FieldErrors pointer={`/weekly/${day}`} withChildren />
                </div>
                <span className="week-grid__actions" role="cell">
                  <button type="button" className="button button--small" disabled={ranges.length >= MAX_RANGES} onClick={() => setDay(day, [...ranges, nextRange(ranges)])}>
                    + Range
                  </button>
                  {day === 'mon' && (
                    <button type="button" className="button button--small button--quiet" onClick={() => copyToWeekdays('mon')} title="Give Tuesday to Friday Monday's hours">
                      Copy to weekdays
                    </button>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </section>
    </>
  );
}
