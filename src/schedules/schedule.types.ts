import type { Struct } from '../common/struct/struct.types';
import { DayOfWeek, SchedulingRuleFrequency, SimpleSchedulingRuleTypes } from './schedule.enums';

export interface ScheduleDay {
  offset: number;
  dayOfWeek: DayOfWeek;
}

/** A rule as stored and returned: every property present. */
export interface SchedulingRule {
  id: string;
  name: string | null;
  priority: number;
  state: string | null;
  source: string | null;
  condition: string | null;
  simpleRuleType: SimpleSchedulingRuleTypes;
  customerState: string | null;
  flowId: string | null;
  flowParams: Struct;
  isAllDay: boolean;
  startDate: string | null;
  startTime: string | null;
  endTime: string | null;
  bySetPosition: number[];
  byMonth: number[];
  byWeekNo: number[];
  byYearDay: number[];
  byMonthDay: number[];
  byDay: ScheduleDay[];
  byHour: number[];
  byMinute: number[];
  interval: number;
  count: number;
  untilDate: string | null;
  frequency: SchedulingRuleFrequency;
}

export interface Schedule {
  timeZoneId: string;
  inherit: boolean;
  forceClosed: boolean;
  rules: SchedulingRule[];
  defaultState: string;
}

/** What a schedule-less account resolves to at the top of the inheritance chain. */
export const EMPTY_SCHEDULE = (): Schedule => ({ timeZoneId: 'UTC', inherit: false, forceClosed: false, rules: [], defaultState: 'Open' });

/** What a customer that never set a schedule has: it follows its parent. */
export const INHERITING_SCHEDULE = (): Schedule => ({ ...EMPTY_SCHEDULE(), inherit: true });
