import { WEEKDAYS, type Resource } from '../../../schemas/resources/index.ts';

const SHORT_DAYS = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as const;

/** One line under a resource's name in the list: what an analyst scans for. */
export function resourceSummary(resource: Resource): string {
  switch (resource.kind) {
    case 'schedule': {
      const open = WEEKDAYS.filter((day) => (resource.weekly[day] ?? []).length > 0);
      const first = open[0] ? resource.weekly[open[0]]?.[0] : undefined;
      const days = open.length === 0 ? 'always closed' : open.length === 7 ? 'every day' : open.map((day) => SHORT_DAYS[day]).join(' ');
      return `${days}${first ? ` · ${first.from}–${first.to}` : ''} · ${resource.timeZone}`;
    }
    case 'calendar': {
      const sets = (resource.holidays ?? []).map((set) => (set.region ? `${set.country}-${set.region}` : set.country));
      const dates = resource.dates?.length ?? 0;
      return [sets.length > 0 ? `holidays ${sets.join(', ')}` : '', dates > 0 ? `${dates} date${dates === 1 ? '' : 's'}` : '', resource.timeZone].filter(Boolean).join(' · ');
    }
    case 'flag':
      return resource.active ? `ON${resource.message ? `: ${resource.message}` : ''}` : 'off';
    case 'queue':
      return [(resource.skills ?? []).map(({ skill, level }) => `${skill}≥${level}`).join(', ') || 'any agent', resource.overflow ? `overflow → ${resource.overflow.queue}` : ''].filter(Boolean).join(' · ');
    case 'skill':
      return resource.description ?? '';
    case 'response':
      return resource.text.replace(/\s+/g, ' ').slice(0, 80);
    case 'disposition':
      return resource.outcome ?? '';
    case 'account':
      return `${resource.channel}${resource.handle ? ` @${resource.handle}` : ''} · ${resource.platformId}`;
    case 'agent':
      return [(resource.skills ?? []).map(({ skill, level }) => `${skill} ${level}`).join(', '), Object.entries(resource.capacity).map(([key, n]) => `${key}×${n}`).join(' ')]
        .filter(Boolean)
        .join(' · ');
  }
}
