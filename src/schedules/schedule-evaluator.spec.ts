import { ScheduleEvaluator } from './schedule-evaluator';
import { DayOfWeek, SchedulingRuleFrequency, SimpleSchedulingRuleTypes } from './schedule.enums';
import type { Schedule, SchedulingRule } from './schedule.types';

const rule = (over: Partial<SchedulingRule>): SchedulingRule => ({
  id: 'r',
  name: 'r',
  priority: 0,
  state: 'Open',
  source: null,
  condition: null,
  simpleRuleType: SimpleSchedulingRuleTypes.Time,
  customerState: null,
  flowId: null,
  flowParams: {},
  isAllDay: false,
  startDate: '2026-01-05',
  startTime: '09:00',
  endTime: '17:00',
  bySetPosition: [],
  byMonth: [],
  byWeekNo: [],
  byYearDay: [],
  byMonthDay: [],
  byDay: [],
  byHour: [],
  byMinute: [],
  interval: 0,
  count: 0,
  untilDate: null,
  frequency: SchedulingRuleFrequency.Daily,
  ...over,
});
const schedule = (rules: SchedulingRule[], over: Partial<Schedule> = {}): Schedule => ({
  timeZoneId: 'UTC',
  inherit: false,
  forceClosed: false,
  rules,
  defaultState: 'Closed',
  ...over,
});
const at = (iso: string): number => Date.parse(iso);
const state = (s: Schedule, iso: string): string => new ScheduleEvaluator({ schedule: s }).stateAt(at(iso)).stateName;

describe('ScheduleEvaluator', () => {
  it('opens a window from each occurrence to endTime, overnight when endTime is at or before startTime', () => {
    const night = schedule([rule({ startTime: '22:00', endTime: '06:00', state: 'Night' })]);
    expect(['2026-02-01T21:59Z', '2026-02-01T22:00Z', '2026-02-02T05:59Z', '2026-02-02T06:00Z'].map((t) => state(night, t))).toEqual([
      'Closed',
      'Night',
      'Night',
      'Closed',
    ]);
  });

  it('gives every occurrence a window as long as startTime → endTime (RFC 5545 instance duration)', () => {
    const s = schedule([rule({ byHour: [9, 18], startTime: '09:00', endTime: '10:00' })]);
    const states = ['09:30', '10:00', '17:59', '18:00', '18:59', '19:00'].map((t) => state(s, `2026-02-01T${t}Z`));
    expect(states).toEqual(['Open', 'Closed', 'Closed', 'Open', 'Open', 'Closed']);
    const hourly = schedule([rule({ frequency: SchedulingRuleFrequency.Hourly, interval: 2, startTime: '08:00', endTime: '08:30' })]);
    expect(['08:15', '08:45', '10:15', '11:15', '22:29', '22:30'].map((t) => state(hourly, `2026-02-01T${t}Z`))).toEqual([
      'Open',
      'Closed',
      'Open',
      'Closed',
      'Open',
      'Closed',
    ]);
  });

  it('costs the same for a rule from 1900 as for one from last week, and finds the same windows', () => {
    const old = schedule([rule({ startDate: '1900-01-01', frequency: SchedulingRuleFrequency.Minutely, interval: 45, endTime: '09:10' })]);
    const recent = schedule([
      rule({ startDate: '2026-01-26', frequency: SchedulingRuleFrequency.Minutely, interval: 45, endTime: '09:10' }),
    ]);
    // 1900-01-01 09:00 to 2026-01-26 09:00 is a whole number of 45-minute steps, so both rules agree.
    const probes = ['2026-02-01T00:00Z', '2026-02-01T00:05Z', '2026-02-01T00:20Z', '2026-02-01T09:45Z', '2026-02-01T09:56Z'];
    expect(probes.map((t) => state(old, t))).toEqual(probes.map((t) => state(recent, t)));
    const next = (s: Schedule) => new ScheduleEvaluator({ schedule: s }).nextChange(at('2026-02-01T00:00Z'));
    expect(next(old)).toBe(next(recent));
  });

  it('takes the first matching rule by ascending priority, ties in list order', () => {
    const s = schedule([
      rule({ id: 'a', priority: 5, state: 'A' }),
      rule({ id: 'b', priority: 1, state: 'B' }),
      rule({ id: 'c', priority: 1, state: 'C' }),
    ]);
    expect(new ScheduleEvaluator({ schedule: s }).stateAt(at('2026-02-02T10:00Z'))).toEqual({
      stateName: 'B',
      timeZoneId: 'UTC',
      ruleId: 'b',
      ruleName: 'r',
    });
  });

  it('honours COUNT and UNTIL', () => {
    const counted = schedule([rule({ count: 2 })]);
    expect(['2026-01-05T10:00Z', '2026-01-06T10:00Z', '2026-01-07T10:00Z'].map((t) => state(counted, t))).toEqual([
      'Open',
      'Open',
      'Closed',
    ]);
    const until = schedule([rule({ untilDate: '2026-01-06' })]);
    expect(['2026-01-06T16:59Z', '2026-01-07T10:00Z'].map((t) => state(until, t))).toEqual(['Open', 'Closed']);
  });

  it('finds the next change, across a weekend, and none for a constant schedule', () => {
    const weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday].map((dayOfWeek) => ({
      offset: 0,
      dayOfWeek,
    }));
    const s = schedule([rule({ frequency: SchedulingRuleFrequency.Weekly, byDay: weekdays })], { timeZoneId: 'Europe/London' });
    const next = new ScheduleEvaluator({ schedule: s }).nextChange(at('2026-03-27T18:00Z'));
    expect(new Date(next!).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(new ScheduleEvaluator({ schedule: schedule([]) }).nextChange(at('2026-03-27T18:00Z'))).toBeNull();
  });

  it('follows the parent for CustomerState rules', () => {
    const parent = schedule([rule({})]);
    const child = schedule([rule({ simpleRuleType: SimpleSchedulingRuleTypes.CustomerState, customerState: 'Open', state: 'Available' })], {
      defaultState: 'Away',
    });
    const evaluator = new ScheduleEvaluator({ schedule: child, parent: { schedule: parent } });
    expect(evaluator.stateAt(at('2026-02-02T10:00Z')).stateName).toBe('Available');
    expect(evaluator.stateAt(at('2026-02-02T20:00Z')).stateName).toBe('Away');
    expect(new Date(evaluator.nextChange(at('2026-02-02T10:00Z'))!).toISOString()).toBe('2026-02-02T17:00:00.000Z');
    expect(new ScheduleEvaluator({ schedule: child }).stateAt(at('2026-02-02T10:00Z')).stateName).toBe('Away');
  });
});
