import { randomUUID } from 'node:crypto';
import { ScheduleRow } from './entities/schedule.entity';
import { SchedulingRuleRow } from './entities/scheduling-rule.entity';
import { DayOfWeek, SchedulingRuleFrequency, SimpleSchedulingRuleTypes } from './schedule.enums';
import { Schedule, ScheduleDay, SchedulingRule } from './schedule.types';

export const DAY_CODES: Record<DayOfWeek, string> = {
  [DayOfWeek.Sunday]: 'SU',
  [DayOfWeek.Monday]: 'MO',
  [DayOfWeek.Tuesday]: 'TU',
  [DayOfWeek.Wednesday]: 'WE',
  [DayOfWeek.Thursday]: 'TH',
  [DayOfWeek.Friday]: 'FR',
  [DayOfWeek.Saturday]: 'SA',
};
const DAYS_BY_CODE = new Map(Object.entries(DAY_CODES).map(([day, code]) => [code, day as DayOfWeek]));

const joinInts = (values: number[]): string => values.join(',');
const splitInts = (text: string | null): number[] => (text ? text.split(',').map(Number) : []);
const joinDays = (days: ScheduleDay[]): string => days.map((d) => `${d.offset}${DAY_CODES[d.dayOfWeek]}`).join(',');
const splitDays = (text: string | null): ScheduleDay[] =>
  text
    ? text.split(',').map((part) => ({ offset: Number(part.slice(0, -2)), dayOfWeek: DAYS_BY_CODE.get(part.slice(-2)) as DayOfWeek }))
    : [];

export function toSchedule(row: ScheduleRow, rules: SchedulingRuleRow[]): Schedule {
  return {
    timeZoneId: row.timeZoneId,
    inherit: Boolean(row.inherit),
    forceClosed: Boolean(row.forceClosed),
    rules: rules.map(toRule),
    defaultState: row.defaultState,
  };
}

function toRule(r: SchedulingRuleRow): SchedulingRule {
  return {
    id: r.id,
    name: r.name,
    priority: r.priority,
    state: r.state,
    source: r.source,
    condition: r.condition,
    simpleRuleType: r.simpleRuleType as SimpleSchedulingRuleTypes,
    customerState: r.customerState,
    flowId: r.flowId,
    flowParams: r.flowParams ?? {},
    isAllDay: Boolean(r.isAllDay),
    startDate: r.startDate,
    startTime: r.startTime,
    endTime: r.endTime,
    bySetPosition: splitInts(r.bySetPosition),
    byMonth: splitInts(r.byMonth),
    byWeekNo: splitInts(r.byWeekNo),
    byYearDay: splitInts(r.byYearDay),
    byMonthDay: splitInts(r.byMonthDay),
    byDay: splitDays(r.byDay),
    byHour: splitInts(r.byHour),
    byMinute: splitInts(r.byMinute),
    interval: r.interval,
    count: r.count,
    untilDate: r.untilDate,
    frequency: r.frequency as SchedulingRuleFrequency,
  };
}

export function toRuleRows(scheduleId: string, schedule: Schedule): SchedulingRuleRow[] {
  return schedule.rules.map((rule, position) => ({
    id: rule.id || randomUUID(),
    scheduleId,
    position,
    name: rule.name,
    priority: rule.priority,
    state: rule.state,
    source: rule.source,
    condition: rule.condition,
    simpleRuleType: rule.simpleRuleType,
    customerState: rule.customerState,
    flowId: rule.flowId,
    flowParams: rule.flowParams,
    isAllDay: rule.isAllDay,
    startDate: rule.startDate,
    startTime: rule.startTime,
    endTime: rule.endTime,
    bySetPosition: joinInts(rule.bySetPosition),
    byMonth: joinInts(rule.byMonth),
    byWeekNo: joinInts(rule.byWeekNo),
    byYearDay: joinInts(rule.byYearDay),
    byMonthDay: joinInts(rule.byMonthDay),
    byDay: joinDays(rule.byDay),
    byHour: joinInts(rule.byHour),
    byMinute: joinInts(rule.byMinute),
    interval: rule.interval,
    count: rule.count,
    untilDate: rule.untilDate,
    frequency: rule.frequency,
  }));
}
