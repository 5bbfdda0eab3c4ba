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

  it("uses the rule's startTime to decide overnight, so a BYHOUR after endTime opens nothing", () => {
    const s = schedule([rule({ byHour: [9, 18], startTime: '09:00', endTime: '10:00' })]);
    expect(state(s, '2026-02-01T09:30Z')).toBe('Open');
    expect(state(s, '2026-02-01T18:30Z')).toBe('Closed');
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
