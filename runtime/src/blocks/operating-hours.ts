import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { WEEKDAYS, type Schedule, type Weekday } from '../../../schemas/resources/index.ts';
import type { Executor } from '../engine/types.ts';
import { localMinute } from './local-time.ts';

const DAY_NAMES: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

type Range = { from: string; to: string };

export interface OpeningCheck {
  open: boolean;
  weekday: Weekday;
  /** Local wall-clock time in the schedule's zone, "HH:MM". */
  localTime: string;
  ranges: Range[];
  range?: Range;
}

/**
 * Whether `schedule` is open at `instant`. The instant is turned into the
 * zone's wall-clock time first, so daylight-saving changes need no special
 * case: "09:00" is 09:00 on the local clock whatever the offset that day.
 * Ranges include `from` and exclude `to`; "24:00" ends the day.
 */
export function checkOpening(schedule: Schedule, instant: Date): OpeningCheck {
  const local = localMinute(instant, schedule.timeZone);
  if (!local.valid) throw new Error(`schedule "${schedule.id}" has an unknown time zone "${schedule.timeZone}"`);
  const weekday = WEEKDAYS[local.dateTime.weekday - 1]!;
  const localTime = local.time;
  const ranges = schedule.weekly[weekday] ?? [];
  const range = ranges.find(({ from, to }) => from <= localTime && localTime < to);
  return { open: range !== undefined, weekday, localTime, ranges, ...(range && { range }) };
}

const show = (range: Range) => `${range.from}–${range.to}`;

export const operatingHours: Executor<ConfigOf<'operating-hours'>> = async ({ config, services }) => {
  const schedule = services.resources.get('schedule', config.schedule);
  // The validator rejects flows naming a missing schedule; this is one deleted since.
  if (!schedule) throw new Error(`schedule "${config.schedule}" does not exist`);
  const check = checkOpening(schedule, services.now());
  const day = DAY_NAMES[check.weekday];
  const where = `${schedule.timeZone}, local time ${check.localTime}`;
  const details = { schedule: schedule.id, timeZone: schedule.timeZone, weekday: check.weekday, localTime: check.localTime };
  if (check.range) {
    // `range` first: a literal that starts with a spread and adds keys is slow on Node 20 (engine/context.ts).
    return { port: 'open', reason: `open: ${day} ${show(check.range)} ${where}`, details: { range: check.range, ...details } };
  }
  const hours = check.ranges.length > 0 ? `${day} hours are ${check.ranges.map(show).join(', ')}` : `no hours on ${day}`;
  return { port: 'closed', reason: `closed: ${hours} (${where})`, details };
};
