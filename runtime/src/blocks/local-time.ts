import { DateTime } from 'luxon';

/** An instant as the wall clock of a time zone shows it, to the minute. */
export interface LocalMinute {
  dateTime: DateTime;
  /** "yyyy-MM-dd" */
  date: string;
  /** "HH:mm" */
  time: string;
  valid: boolean;
}

const cache = new Map<string, LocalMinute>();

/**
 * Schedules and calendars work to the minute, and every message in the same
 * minute asks the same question of the same zone: converting once per zone
 * and minute keeps luxon's formatter work off the hot path.
 */
export function localMinute(instant: Date, zone: string): LocalMinute {
  const minute = Math.floor(instant.getTime() / 60_000);
  const key = `${zone}\u0000${minute}`;
  let local = cache.get(key);
  if (!local) {
    if (cache.size >= 2048) cache.clear();
    const dateTime = DateTime.fromMillis(minute * 60_000, { zone });
    local = dateTime.isValid
      ? { dateTime, date: dateTime.toISODate()!, time: dateTime.toFormat('HH:mm'), valid: true }
      : { dateTime, date: '', time: '', valid: false };
    cache.set(key, local);
  }
  return local;
}
