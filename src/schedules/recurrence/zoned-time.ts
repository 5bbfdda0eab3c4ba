/**
 * Wall-clock arithmetic in IANA zones without touching the process's own TZ. A "wall-clock"
 * value is milliseconds since the epoch of the local date and time read as if it were UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The local wall-clock time of an instant in `zone`. */
export function toWallClock(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, ms);
}

/** Every instant that shows this wall-clock time: none in a gap, two in a repeated hour. */
export function instantsOf(wallClock: number, zone: string): number[] {
  const offsets = new Set([toWallClock(wallClock - DAY, zone) - (wallClock - DAY), toWallClock(wallClock + DAY, zone) - (wallClock + DAY)]);
  const hits = [...offsets].map((o) => wallClock - o).filter((t) => toWallClock(t, zone) === wallClock);
  return [...new Set(hits)].sort((a, b) => a - b);
}

/**
 * RFC 5545 §3.3.5: an ambiguous local time is its first occurrence; a local time in a gap is
 * read with the UTC offset in force before the gap.
 */
export function fromWallClock(wallClock: number, zone: string): number {
  const hits = instantsOf(wallClock, zone);
  if (hits.length) return hits[0];
  const offsetBefore = toWallClock(wallClock - DAY, zone) - (wallClock - DAY);
  return wallClock - offsetBefore;
}

/** A wall-clock time as it really shows: one in a gap moves forward by the gap's length. */
export function normalizeWallClock(wallClock: number, zone: string): number {
  return toWallClock(fromWallClock(wallClock, zone), zone);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `yyyy-MM-ddTHH:mm` of a wall-clock value (for tests and messages). */
export function formatWallClock(wallClock: number): string {
  const d = new Date(wallClock);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Wall-clock value of `yyyy-MM-dd` at `HH:mm`. */
export function wallClockOf(date: string, time = '00:00'): number {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return Date.UTC(y, m - 1, d, h, mi);
}
