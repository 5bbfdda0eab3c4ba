import { Frequency, Options, RRule, Weekday } from 'rrule';

import { DayOfWeek, SchedulingRuleFrequency } from '../schedule.enums';
import type { SchedulingRule } from '../schedule.types';
import { periodStart, WalkLimiter } from './period-arithmetic';
import { wallClockOf } from './zoned-time';

type ParsedOptions = RRule['options'];

const FREQUENCIES: Record<Exclude<SchedulingRuleFrequency, SchedulingRuleFrequency.None>, Frequency> = {
  [SchedulingRuleFrequency.Yearly]: RRule.YEARLY,
  [SchedulingRuleFrequency.Monthly]: RRule.MONTHLY,
  [SchedulingRuleFrequency.Weekly]: RRule.WEEKLY,
  [SchedulingRuleFrequency.Daily]: RRule.DAILY,
  [SchedulingRuleFrequency.Hourly]: RRule.HOURLY,
  [SchedulingRuleFrequency.Minutely]: RRule.MINUTELY,
  [SchedulingRuleFrequency.Secondly]: RRule.SECONDLY,
};

const WEEKDAYS: Record<DayOfWeek, Weekday> = {
  [DayOfWeek.Monday]: RRule.MO,
  [DayOfWeek.Tuesday]: RRule.TU,
  [DayOfWeek.Wednesday]: RRule.WE,
  [DayOfWeek.Thursday]: RRule.TH,
  [DayOfWeek.Friday]: RRule.FR,
  [DayOfWeek.Saturday]: RRule.SA,
  [DayOfWeek.Sunday]: RRule.SU,
};

/** Periods a COUNT rule may walk from DTSTART to reach its last occurrence (validation refuses more). */
export const COUNT_WALK_LIMIT = 2000;

/** COUNT rules expand once per distinct rule; the expansion is a pure function of its fields. */
const countExpansions = new Map<string, CountExpansion>();
const EXPANSION_CACHE_SIZE = 5000;

const list = (values: number[] | undefined): number[] | null => (values?.length ? values : null);

export interface CountExpansion {
  occurrences: number[];
  /** Whether the walk reached the last occurrence within COUNT_WALK_LIMIT periods. */
  complete: boolean;
  periods: number;
}

export type RecurrenceFields = Pick<
  SchedulingRule,
  'startDate' | 'startTime' | 'isAllDay' | 'frequency' | 'interval' | 'count' | 'untilDate'
> &
  Partial<SchedulingRule>;

/**
 * Our adapter over rrule.js. The rule runs in floating time (wall-clock values, see zoned-time.ts):
 * rrule.js never sees a time zone, whose handling it gets wrong around DST changes; zones are
 * applied by the schedule evaluator per RFC 5545 §3.3.5.
 *
 * rrule.js walks period by period from DTSTART and only checks its bounds when an occurrence
 * turns up, so on its own a rule from 1900, or one that matches rarely, costs seconds. Two things
 * keep every query bounded by the span asked about instead: a rule without COUNT starts its walk
 * at an equivalent DTSTART in the period that holds the query's start (same phase of INTERVAL,
 * every implied BY* value made explicit), and every walk has a period budget.
 */
export class Recurrence {
  private constructor(
    readonly start: number,
    private readonly rule: RRule | null,
    private readonly fields: RecurrenceFields,
  ) {}

  static of(rule: RecurrenceFields): Recurrence {
    const start = wallClockOf(rule.startDate ?? '1970-01-01', rule.isAllDay ? '00:00' : (rule.startTime ?? '00:00'));
    if (rule.frequency === SchedulingRuleFrequency.None) return new Recurrence(start, null, rule);
    const options: Partial<Options> = {
      freq: FREQUENCIES[rule.frequency],
      dtstart: new Date(start),
      interval: Math.max(1, rule.interval ?? 1),
      wkst: RRule.MO,
      count: rule.count ? rule.count : null,
      until: rule.untilDate ? new Date(wallClockOf(rule.untilDate, '23:59') + 59_999) : null,
      bysetpos: list(rule.bySetPosition),
      bymonth: list(rule.byMonth),
      byweekno: list(rule.byWeekNo),
      byyearday: list(rule.byYearDay),
      bymonthday: list(rule.byMonthDay),
      byweekday: rule.byDay?.length
        ? rule.byDay.map((d) => (d.offset ? WEEKDAYS[d.dayOfWeek].nth(d.offset) : WEEKDAYS[d.dayOfWeek]))
        : null,
      byhour: list(rule.byHour),
      byminute: list(rule.byMinute),
    };
    // noCache: each query gets its own options (DTSTART, budget), so rrule's result cache would only grow.
    return new Recurrence(start, new RRule(options, true), rule);
  }

  get isCounted(): boolean {
    return !!this.rule && this.rule.options.count !== null && this.rule.options.count > 0;
  }

  /** Occurrence starts (wall-clock values) from `from` to `to`, both inclusive. */
  between(from: number, to: number): number[] {
    if (!this.rule) return this.start >= from && this.start <= to ? [this.start] : [];
    if (to < this.start) return [];
    if (this.isCounted) return this.expandCount().occurrences.filter((t) => t >= from && t <= to);
    const base = this.rule.options;
    const dtstart = Math.max(this.start, periodStart(base.freq, base.interval, this.start, from));
    const limiter = WalkLimiter.covering(base.freq, base.interval, dtstart, to);
    return this.walk({ ...base, dtstart: new Date(dtstart) }, limiter, (r) => r.between(new Date(from), new Date(to), true)).map((d) =>
      d.getTime(),
    );
  }

  /**
   * Every occurrence of a COUNT rule, walking at most COUNT_WALK_LIMIT periods; `complete` says
   * whether the walk reached the last one (validation refuses rules for which it does not).
   */
  expandCount(): CountExpansion {
    const key = JSON.stringify(this.fields, RECURRENCE_KEYS);
    let found = countExpansions.get(key);
    if (found) return found;
    const base = this.rule!.options;
    const limiter = WalkLimiter.ofPeriods(COUNT_WALK_LIMIT);
    const occurrences = this.walk({ ...base }, limiter, (r) => r.all()).map((d) => d.getTime());
    found = { occurrences, complete: occurrences.length === base.count, periods: limiter.walked };
    if (countExpansions.size >= EXPANSION_CACHE_SIZE) countExpansions.delete(countExpansions.keys().next().value as string);
    countExpansions.set(key, found);
    return found;
  }

  /** The first `n` occurrences (for the RFC 5545 vector tests). */
  first(n: number): number[] {
    if (!this.rule) return [this.start];
    return this.walk({ ...this.rule.options }, WalkLimiter.ofPeriods(COUNT_WALK_LIMIT * 10), (r) => r.all((_d, i) => i < n)).map((d) =>
      d.getTime(),
    );
  }

  private walk(options: ParsedOptions, limiter: WalkLimiter, run: (rule: RRule) => Date[]): Date[] {
    const rule = this.rule!;
    const saved = rule.options;
    rule.options = limiter.guard(options);
    try {
      return run(rule);
    } finally {
      rule.options = saved;
    }
  }
}

/** The fields that make a recurrence; the key of the COUNT expansion cache. */
const RECURRENCE_KEYS = [
  'startDate',
  'startTime',
  'isAllDay',
  'frequency',
  'interval',
  'count',
  'untilDate',
  'bySetPosition',
  'byMonth',
  'byWeekNo',
  'byYearDay',
  'byMonthDay',
  'byDay',
  'offset',
  'dayOfWeek',
  'byHour',
  'byMinute',
];
