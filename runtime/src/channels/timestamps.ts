/**
 * A platform time as ISO 8601: epoch seconds or milliseconds (as a number or
 * a numeric string, possibly fractional: Twitter sends `timestamp_ms` both
 * ways), an ISO string, or Twitter's v1.1
 * `Thu Oct 03 16:10:37 +0000 2019`. Undefined when unreadable.
 */
export function isoTime(value: unknown): string | undefined {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) ms = Number(value);
  else if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (Number.isNaN(parsed)) return undefined;
    return new Date(parsed).toISOString();
  } else return undefined;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  // Below 1e11 it is seconds (1e11 ms is 1973; 1e11 s is the year 5138).
  const date = new Date(ms < 1e11 && ms !== 0 ? ms * 1000 : ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
