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

/** A stretch of instants [start, end) over which a zone keeps one UTC offset. */
export interface OffsetSpan {
  start: number;
  end: number;
  offset: number;
}

const offsetAt = (instant: number, zone: string): number => toWallClock(instant, zone) - instant;
const SAMPLE = 6 * HOUR;

/** The zone's constant-offset stretches covering [from, to): transitions found to the millisecond. */
export function offsetSpans(zone: string, from: number, to: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let start = from;
  let offset = offsetAt(from, zone);
  for (let probe = from; probe < to;) {
    const next = Math.min(probe + SAMPLE, to);
    const nextOffset = offsetAt(next, zone);
    if (nextOffset !== offset) {
      // The first instant with the new offset lies in (probe, next].
      let lo = probe;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid, zone) === offset) lo = mid;
        else hi = mid;
      }
      spans.push({ start, end: hi, offset });
      start = hi;
      offset = offsetAt(hi, zone);
    }
    probe = next;
  }
  spans.push({ start, end: Math.max(to, start + 1), offset });
  return spans;
}

/**
 * The instants whose local time lies in [wallStart, wallEnd): one stretch, or two when the
 * local times repeat (the hour after a fall-back shows twice and matches both times).
 */
export function instantsShowing(wallStart: number, wallEnd: number, offsets: OffsetSpan[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of offsets) {
    const lo = Math.max(s.start, wallStart - s.offset);
    const hi = Math.min(s.end, wallEnd - s.offset);
    if (lo >= hi) continue;
    const last = out[out.length - 1];
    if (last && last.end >= lo) last.end = Math.max(last.end, hi);
    else out.push({ start: lo, end: hi });
  }
  return out;
}

/**
 * A wall-clock time as it really shows, given the zone's offsets (no Intl call): a local time
 * that shows is kept; one in a gap is read with the offset before the gap (RFC 5545 §3.3.5).
 */
export function normalizeWallIn(wallClock: number, offsets: OffsetSpan[]): number {
  for (let i = 0; i < offsets.length; i++) {
    const s = offsets[i];
    const t = wallClock - s.offset;
    if (t >= s.start && t < s.end) return wallClock;
    const next = offsets[i + 1];
    if (next && t >= s.end && wallClock - next.offset < next.start) return t + next.offset;
  }
  return wallClock;
}
