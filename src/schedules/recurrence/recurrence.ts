import { Frequency, Options, RRule, Weekday } from 'rrule';
import { DayOfWeek, SchedulingRuleFrequency } from '../schedule.enums';
import type { SchedulingRule } from '../schedule.types';
import { wallClockOf } from './zoned-time';

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

/** Occurrences one rule may yield per query, so a Secondly rule cannot stall a request. */
const MAX_OCCURRENCES = 5000;

const list = (values: number[]): number[] | null => (values.length ? values : null);

/**
 * Our adapter over rrule.js. The rule runs in floating time (wall-clock values, see zoned-time.ts):
 * rrule.js never sees a time zone, whose handling it gets wrong around DST changes; zones are
 * applied by the schedule evaluator per RFC 5545 §3.3.5.
 */
export class Recurrence {
  private constructor(
    private readonly start: number,
    private readonly rule: RRule | null,
  ) {}

  static of(
    rule: Pick<SchedulingRule, 'startDate' | 'startTime' | 'isAllDay' | 'frequency' | 'interval' | 'count' | 'untilDate'> &
      Partial<SchedulingRule>,
  ): Recurrence {
    const start = wallClockOf(rule.startDate ?? '1970-01-01', rule.isAllDay ? '00:00' : (rule.startTime ?? '00:00'));
    if (rule.frequency === SchedulingRuleFrequency.None) return new Recurrence(start, null);
    const options: Partial<Options> = {
      freq: FREQUENCIES[rule.frequency],
      dtstart: new Date(start),
      interval: Math.max(1, rule.interval ?? 1),
      wkst: RRule.MO,
      count: rule.count ? rule.count : null,
      until: rule.untilDate ? new Date(wallClockOf(rule.untilDate, '23:59') + 59_999) : null,
      bysetpos: list(rule.bySetPosition ?? []),
      bymonth: list(rule.byMonth ?? []),
      byweekno: list(rule.byWeekNo ?? []),
      byyearday: list(rule.byYearDay ?? []),
      bymonthday: list(rule.byMonthDay ?? []),
      byweekday: rule.byDay?.length
        ? rule.byDay.map((d) => (d.offset ? WEEKDAYS[d.dayOfWeek].nth(d.offset) : WEEKDAYS[d.dayOfWeek]))
        : null,
      byhour: list(rule.byHour ?? []),
      byminute: list(rule.byMinute ?? []),
    };
    return new Recurrence(start, new RRule(options));
  }

  /** Occurrence starts (wall-clock values) from `from` to `to`, both inclusive. */
  between(from: number, to: number): number[] {
    if (!this.rule) return this.start >= from && this.start <= to ? [this.start] : [];
    return this.rule.between(new Date(from), new Date(to), true, (_d, i) => i < MAX_OCCURRENCES).map((d) => d.getTime());
  }

  /** The first `n` occurrences. */
  first(n: number): number[] {
    if (!this.rule) return [this.start];
    return this.rule.all((_d, i) => i < n).map((d) => d.getTime());
  }
}
