import { Recurrence } from './recurrence/recurrence';
import { DAY, instantsShowing, MINUTE, normalizeWallIn, OffsetSpan } from './recurrence/zoned-time';
import type { SchedulingRule } from './schedule.types';

/** A half-open stretch of instants [start, end). */
export interface Span {
  start: number;
  end: number;
}

const minutesOf = (time: string | null): number => {
  if (!time) return 0;
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
};

/**
 * How long each occurrence's window lasts in local time: startTime → endTime, or to endTime the
 * next day when it is at or before startTime (RFC 5545 gives every instance the first one's
 * duration); a whole day for an all-day rule.
 */
export function windowLength(rule: Pick<SchedulingRule, 'isAllDay' | 'startTime' | 'endTime'>): number {
  if (rule.isAllDay) return DAY;
  const minutes = minutesOf(rule.endTime) - minutesOf(rule.startTime);
  return (minutes <= 0 ? minutes + 24 * 60 : minutes) * MINUTE;
}

const compiled = new WeakMap<SchedulingRule, Recurrence>();

export function recurrenceOf(rule: SchedulingRule): Recurrence {
  let recurrence = compiled.get(rule);
  if (!recurrence) compiled.set(rule, (recurrence = Recurrence.of(rule)));
  return recurrence;
}

/** Sorted, overlapping or touching spans joined. */
export function mergeSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * The instants covered by a Time rule's windows between wall-clock `wallFrom` and `wallTo`:
 * occurrences are found in floating time, their windows' bounds read per RFC 5545 §3.3.5 (a bound
 * in a DST gap moves forward by the gap), joined, and only then mapped to instants, so a dense
 * rule costs one mapping per joined stretch, not one per occurrence.
 */
export function timeRuleCoverage(rule: SchedulingRule, wallFrom: number, wallTo: number, offsets: OffsetSpan[]): Span[] {
  const length = windowLength(rule);
  const walls = recurrenceOf(rule)
    .between(wallFrom - length, wallTo)
    .map((start) => {
      const begin = rule.isAllDay ? Math.floor(start / DAY) * DAY : start;
      return { start: normalizeWallIn(begin, offsets), end: normalizeWallIn(begin + length, offsets) };
    })
    .filter((w) => w.end > w.start);
  return mergeSpans(mergeSpans(walls).flatMap((w) => instantsShowing(w.start, w.end, offsets)));
}
