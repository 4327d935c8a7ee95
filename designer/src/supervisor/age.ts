/** How long since `since` (ISO date), as a supervisor reads it: "45 s", "3 min 05 s", "2 h 07 min", "3 d 4 h". */
export function formatAge(since: string, now: number): string {
  const start = Date.parse(since);
  if (Number.isNaN(start)) return '—';
  const seconds = Math.max(0, Math.floor((now - start) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Seconds since `since`, or 0 for a date that does not parse. */
export function ageSeconds(since: string, now: number): number {
  const start = Date.parse(since);
  return Number.isNaN(start) ? 0 : Math.max(0, (now - start) / 1000);
}

/** A service-level target in words: "90% within 10 min". */
export function describeTarget(serviceLevel: { seconds: number; percent?: number } | undefined): string {
  if (!serviceLevel) return 'no target';
  const { seconds, percent } = serviceLevel;
  const span = seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
  return `${percent !== undefined ? `${percent}% ` : ''}within ${span}`;
}
