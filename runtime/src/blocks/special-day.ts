import Holidays, { type HolidaysTypes } from 'date-holidays';
import { DateTime } from 'luxon';
import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { Calendar } from '../../../schemas/resources/index.ts';
import type { Executor } from '../engine/types.ts';
import { localMinute, type LocalMinute } from './local-time.ts';

type HolidaySet = NonNullable<Calendar['holidays']>[number];
type HolidayType = HolidaysTypes.HolidayType;

/** A holiday as wall-clock "yyyy-MM-dd HH:mm" bounds, so it compares with a local time in any zone. */
interface WallHoliday {
  name: string;
  type: HolidayType;
  start: string;
  end: string;
}

/** One country (and region) of the holiday library, with its holidays computed once per year. */
interface HolidaySource {
  holidays: Holidays;
  /** The zone the library computed start and end in, to read them back as wall-clock times. */
  zone: string;
  years: Map<number, WallHoliday[]>;
}

const WALL = 'yyyy-MM-dd HH:mm';
// Building a country's rules parses its whole holiday grammar: do it once per process.
const sources = new Map<string, HolidaySource>();
let catalog: Holidays | undefined;

/** The library's state code: "CA" for California, whether written "CA" or "US-CA". */
function regionOf(set: HolidaySet): string | undefined {
  const region = set.region?.toUpperCase();
  return region?.startsWith(`${set.country}-`) ? region.slice(set.country.length + 1) : region;
}

function sourceFor(calendar: Calendar, set: HolidaySet): HolidaySource {
  const region = regionOf(set);
  const key = `${set.country}/${region ?? ''}`;
  let source = sources.get(key);
  if (source) return source;
  catalog ??= new Holidays();
  if (!Object.hasOwn(catalog.getCountries(), set.country)) {
    throw new Error(`calendar "${calendar.id}": the holiday library has no country "${set.country}"`);
  }
  // Without this check the library would quietly fall back to the whole country.
  if (region && !Object.hasOwn(catalog.getStates(set.country) ?? {}, region)) {
    throw new Error(`calendar "${calendar.id}": the holiday library has no region "${region}" in ${set.country}`);
  }
  const holidays = region ? new Holidays(set.country, region) : new Holidays(set.country);
  // English names where the data has them, the country's own otherwise. (Passing a language to
  // getHolidays would grow the library's language list on every call.)
  holidays.setLanguages(['en', ...holidays.getLanguages()]);
  source = { holidays, zone: holidays.getTimezones()?.[0] ?? 'system', years: new Map() };
  sources.set(key, source);
  return source;
}

function holidaysIn(source: HolidaySource, year: number): WallHoliday[] {
  let list = source.years.get(year);
  if (!list) {
    list = source.holidays.getHolidays(year).map((holiday) => ({
      name: holiday.name,
      type: holiday.type,
      start: holiday.date.slice(0, 16),
      end: DateTime.fromJSDate(holiday.end, { zone: source.zone }).toFormat(WALL),
    }));
    source.years.set(year, list);
  }
  return list;
}

function holidayToday(calendar: Calendar, set: HolidaySet, local: LocalMinute): WallHoliday | undefined {
  const source = sourceFor(calendar, set);
  const types: readonly HolidayType[] = set.types ?? ['public'];
  const wall = `${local.date} ${local.time}`;
  const year = local.dateTime.year;
  // Last year's list too: a holiday may run past New Year's Eve midnight.
  return [year - 1, year]
    .flatMap((year) => holidaysIn(source, year))
    .find((holiday) => types.includes(holiday.type) && holiday.start <= wall && wall < holiday.end);
}

function holidayPlace(set: HolidaySet): string {
  const region = regionOf(set);
  return region ? `${set.country}-${region}` : set.country;
}

export const specialDay: Executor<ConfigOf<'special-day'>> = async ({ config, services }) => {
  const calendar = services.resources.get('calendar', config.calendar);
  // The validator rejects flows naming a missing calendar; this is one deleted since.
  if (!calendar) throw new Error(`calendar "${config.calendar}" does not exist`);
  const local = localMinute(services.now(), calendar.timeZone);
  if (!local.valid) throw new Error(`calendar "${calendar.id}" has an unknown time zone "${calendar.timeZone}"`);
  const { date, time } = local;
  const details = { calendar: calendar.id, date, localTime: time, timeZone: calendar.timeZone };

  const dated = (calendar.dates ?? []).filter((entry) => entry.date === date);
  const special = dated.find((entry) => !entry.hours || (entry.hours.from <= time && time < entry.hours.to));
  if (special) {
    const hours = special.hours ? ` (${special.hours.from}–${special.hours.to}, local time ${time})` : '';
    return {
      port: 'special',
      reason: `${date} is ${special.name}${hours} in calendar '${calendar.name}'`,
      details: { ...details, source: 'date', name: special.name },
    };
  }

  for (const set of calendar.holidays ?? []) {
    const holiday = holidayToday(calendar, set, local);
    if (!holiday) continue;
    const startTime = holiday.start.slice(11);
    const from = startTime === '00:00' ? '' : ` from ${startTime}`;
    return {
      port: 'special',
      reason: `${date} is ${holiday.name}${from} (${holidayPlace(set)} ${holiday.type} holiday)`,
      details: { ...details, source: 'holiday', name: holiday.name, type: holiday.type, country: set.country },
    };
  }

  const outside = dated.map((entry) => `${entry.name} is special only ${entry.hours?.from}–${entry.hours?.to}`).join('; ');
  const note = outside ? ` at ${time} (${outside})` : '';
  return { port: 'normal', reason: `${date} is a normal day in calendar '${calendar.name}'${note}`, details };
};
