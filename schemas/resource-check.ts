import type { Problem } from './problems.ts';
import { pointer } from './problems.ts';
import { WEEKDAYS, type Resource } from './resources/index.ts';
import type { ResourceIndex } from './semantic.ts';

const knownZones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone) || zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks a schema-valid resource beyond its shape: real time zones, ordered ranges, real dates, known references. */
export function resourceProblems(resource: Resource, resources?: ResourceIndex): Problem[] {
  const problems: Problem[] = [];
  const error = (at: string, message: string) => problems.push({ pointer: at, message, severity: 'error' });
  switch (resource.kind) {
    case 'schedule':
      if (!isTimeZone(resource.timeZone)) error('/timeZone', `"${resource.timeZone}" is not an IANA time zone`);
      for (const day of WEEKDAYS) {
        const ranges = resource.weekly[day] ?? [];
        const sorted = [...ranges].map((range, index) => ({ ...range, index })).sort((a, b) => a.from.localeCompare(b.from));
        sorted.forEach((range, position) => {
          if (range.from >= range.to) error(pointer('weekly', day, range.index), `opens at ${range.from} but closes at ${range.to}`);
          const before = sorted[position - 1];
          if (before && before.to > range.from) {
            error(pointer('weekly', day, range.index), `overlaps ${before.from}–${before.to}`);
          }
        });
      }
      break;
    case 'calendar':
      if (!isTimeZone(resource.timeZone)) error('/timeZone', `"${resource.timeZone}" is not an IANA time zone`);
      resource.dates?.forEach((entry, index) => {
        const parsed = new Date(`${entry.date}T00:00:00Z`);
        if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== entry.date) {
          error(pointer('dates', index, 'date'), `"${entry.date}" is not a real date`);
        }
        if (entry.hours && entry.hours.from >= entry.hours.to) error(pointer('dates', index, 'hours'), 'starts after it ends');
      });
      break;
    case 'queue':
      if (resources) {
        resource.skills?.forEach((requirement, index) => {
          if (!resources.has('skill', requirement.skill)) error(pointer('skills', index, 'skill'), `unknown skill "${requirement.skill}"`);
        });
        if (resource.overflow && !resources.has('queue', resource.overflow.queue)) {
          error('/overflow/queue', `unknown queue "${resource.overflow.queue}"`);
        }
      }
      if (resource.overflow?.queue === resource.id) error('/overflow/queue', 'a queue cannot overflow into itself');
      break;
    case 'agent': {
      const seen = new Set<string>();
      resource.skills?.forEach((entry, index) => {
        if (seen.has(entry.skill)) error(pointer('skills', index, 'skill'), `skill "${entry.skill}" is listed twice`);
        seen.add(entry.skill);
        if (resources && !resources.has('skill', entry.skill)) error(pointer('skills', index, 'skill'), `unknown skill "${entry.skill}"`);
      });
      break;
    }
    default:
      break;
  }
  return problems;
}
