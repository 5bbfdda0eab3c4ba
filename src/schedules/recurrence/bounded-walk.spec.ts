import { RRule } from 'rrule';
import { DayOfWeek, SchedulingRuleFrequency as F } from '../schedule.enums';
import { canReachByTimes, windowsPerDay } from '../schedule-cost-limits';
import type { SchedulingRuleDto } from '../dto/schedule.dto';
import { COUNT_WALK_LIMIT, Recurrence, RecurrenceFields } from './recurrence';

const DAY = 86_400_000;
const rule = (over: Partial<RecurrenceFields>): RecurrenceFields => ({
  startDate: '2019-03-13',
  startTime: '09:20',
  isAllDay: false,
  frequency: F.Daily,
  interval: 0,
  count: 0,
  untilDate: null,
  ...over,
});

/** The cost checks read a rule as the API receives it; these fields are a subset of it. */
const dto = (over: Partial<RecurrenceFields>): SchedulingRuleDto => rule(over) as unknown as SchedulingRuleDto;

/** rrule.js on its own, walking from DTSTART: the reference the bounded walk must agree with. */
function plain(r: RecurrenceFields, from: number, to: number): number[] {
  const recurrence = Recurrence.of(r) as unknown as { rule: RRule };
  const fresh = new RRule({ ...recurrence.rule.origOptions });
  return fresh.between(new Date(from), new Date(to), true).map((d) => d.getTime());
}

const CASES: [string, Partial<RecurrenceFields>][] = [
  ['yearly, interval 3', { frequency: F.Yearly, interval: 3 }],
  ['yearly leap day', { frequency: F.Yearly, startDate: '2016-02-29' }],
  ['yearly by week number', { frequency: F.Yearly, byWeekNo: [20, -1], byDay: [{ offset: 0, dayOfWeek: DayOfWeek.Monday }] }],
  ['yearly by year day and set position', { frequency: F.Yearly, byYearDay: [1, 100, -1], bySetPosition: [-1] }],
  ['monthly, interval 5, day 31', { frequency: F.Monthly, interval: 5, startDate: '2019-01-31' }],
  [
    'monthly last weekday',
    { frequency: F.Monthly, byDay: [1, 2, 3, 4, 5].map(() => ({ offset: 0, dayOfWeek: DayOfWeek.Friday })), bySetPosition: [-1] },
  ],
  ['monthly second Tuesday', { frequency: F.Monthly, interval: 2, byDay: [{ offset: 2, dayOfWeek: DayOfWeek.Tuesday }] }],
  ['weekly, interval 3, from a Wednesday', { frequency: F.Weekly, interval: 3 }],
  [
    'weekly Mon/Thu, interval 2',
    {
      frequency: F.Weekly,
      interval: 2,
      byDay: [
        { offset: 0, dayOfWeek: DayOfWeek.Monday },
        { offset: 0, dayOfWeek: DayOfWeek.Thursday },
      ],
    },
  ],
  ['daily, interval 7, by hour and minute', { frequency: F.Daily, interval: 7, byHour: [8, 20], byMinute: [0, 45] }],
  ['daily until', { frequency: F.Daily, interval: 2, untilDate: '2026-01-20' }],
  ['hourly, interval 5', { frequency: F.Hourly, interval: 5 }],
  ['hourly, interval 3, by hour', { frequency: F.Hourly, interval: 3, byHour: [0, 9, 12, 21] }],
  ['minutely, interval 97', { frequency: F.Minutely, interval: 97 }],
  [
    'minutely by minute, Mondays',
    { frequency: F.Minutely, interval: 15, byMinute: [5, 50], byDay: [{ offset: 0, dayOfWeek: DayOfWeek.Monday }] },
  ],
  [
    'hourly, interval 5, Mondays and the 1st',
    { frequency: F.Hourly, interval: 5, byDay: [{ offset: 0, dayOfWeek: DayOfWeek.Monday }], byMonthDay: [1] },
  ],
  ['secondly, interval 3599, in February', { frequency: F.Secondly, interval: 3599, byMonth: [2] }],
];

describe('Recurrence: a walk bounded by the span asked about', () => {
  const from = Date.UTC(2026, 0, 3, 7, 13);
  const to = from + 40 * DAY;

  it.each(CASES)('%s: the same occurrences as walking from DTSTART', (_name, over) => {
    const r = rule(over);
    expect(Recurrence.of(r).between(from, to)).toEqual(plain(r, from, to));
  });

  it('steps a Minutely rule with BYHOUR through every day in phase', () => {
    const r = rule({ frequency: F.Minutely, interval: 15, byHour: [9, 13] });
    const expected: number[] = [];
    const phase = Date.UTC(2019, 2, 13, 9, 20) % (15 * 60_000);
    for (let t = from - (from % (15 * 60_000)) + phase; t <= to; t += 15 * 60_000) {
      if (t >= from && [9, 13].includes(new Date(t).getUTCHours())) expected.push(t);
    }
    expect(Recurrence.of(r).between(from, to)).toEqual(expected);
  });

  it('answers at once for a rule that never matches, from 1900 to 2199', () => {
    const never = rule({ startDate: '1900-01-01', frequency: F.Daily, byMonth: [2], byMonthDay: [30] });
    // Unbounded, rrule.js walks every day up to the year 9999 looking for an occurrence.
    expect(Recurrence.of(never).between(Date.UTC(2199, 0, 1), Date.UTC(2199, 1, 1))).toEqual([]);
    expect(Recurrence.of({ ...never, frequency: F.Hourly }).between(from, to)).toEqual([]);
  });

  it('expands a COUNT rule once, within a period budget', () => {
    const tenMondays = Recurrence.of(
      rule({ frequency: F.Weekly, count: 10, byDay: [{ offset: 0, dayOfWeek: DayOfWeek.Monday }] }),
    ).expandCount();
    expect(tenMondays.complete).toBe(true);
    expect(tenMondays.occurrences).toHaveLength(10);
    const sparse = Recurrence.of(rule({ frequency: F.Daily, count: 3, byMonth: [2], byMonthDay: [29] })).expandCount();
    expect(sparse.complete).toBe(false);
    expect(sparse.periods).toBeLessThanOrEqual(COUNT_WALK_LIMIT + 1);
  });

  it('knows when an interval can never land on BYHOUR/BYMINUTE (rrule.js would loop forever)', () => {
    expect(canReachByTimes(dto({ frequency: F.Hourly, interval: 24, byHour: [5] }))).toBe(false);
    expect(canReachByTimes(dto({ frequency: F.Hourly, interval: 24, byHour: [9] }))).toBe(true);
    expect(canReachByTimes(dto({ frequency: F.Hourly, interval: 2, byHour: [10] }))).toBe(false);
    expect(canReachByTimes(dto({ frequency: F.Minutely, interval: 60, byMinute: [21] }))).toBe(false);
    expect(canReachByTimes(dto({ frequency: F.Minutely, interval: 60, byMinute: [20] }))).toBe(true);
    expect(canReachByTimes(dto({ frequency: F.Minutely, interval: 7, byMinute: [21] }))).toBe(true);
  });

  it('bounds the windows a rule opens per day', () => {
    expect(windowsPerDay(dto({ frequency: F.Weekly }))).toBe(1);
    expect(windowsPerDay(dto({ frequency: F.Daily, byHour: [8, 12], byMinute: [0, 30] }))).toBe(4);
    expect(windowsPerDay(dto({ frequency: F.Hourly, interval: 5 }))).toBe(5);
    expect(windowsPerDay(dto({ frequency: F.Minutely }))).toBe(1440);
    expect(windowsPerDay(dto({ frequency: F.Secondly, interval: 900 }))).toBe(96);
  });
});
