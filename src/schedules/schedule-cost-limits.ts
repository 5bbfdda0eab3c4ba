import { SchedulingRuleDto } from './dto/schedule.dto';
import { COUNT_WALK_LIMIT, Recurrence } from './recurrence/recurrence';
import { SchedulingRuleFrequency as Freq, SimpleSchedulingRuleTypes } from './schedule.enums';

/**
 * What keeps every schedule the API accepts cheap to evaluate, whatever its start date. Past a
 * limit the request is a 400 naming the field (README, "Schedules").
 */
export const SCHEDULE_LIMITS = {
  /** Rule dates (startDate, untilDate) and evaluation instants live in these years. */
  firstYear: 1900,
  lastYear: 2199,
  maxInterval: 1000,
  maxCount: 1000,
  /** Windows all the rules of one schedule may open in one day, counted as an upper bound. */
  maxWindowsPerDay: 96,
};

export type Report = (field: string, errorCode: string, text: string) => void;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const startSecondOfDay = (rule: SchedulingRuleDto): number => {
  const [h, m] = (rule.startTime ?? '00:00').split(':').map(Number);
  return rule.isAllDay ? 0 : h * 3600 + m * 60;
};

/** Windows a rule opens in one day at most: its frequency and BY* lists bound it. */
export function windowsPerDay(rule: SchedulingRuleDto): number {
  const interval = Math.max(1, rule.interval ?? 1);
  const hours = rule.byHour?.length ?? 0;
  const minutes = rule.byMinute?.length ?? 0;
  switch (rule.frequency ?? Freq.None) {
    case Freq.Hourly:
      return Math.min(Math.ceil(24 / interval), hours || 24) * (minutes || 1);
    case Freq.Minutely:
      return Math.min(Math.ceil(1440 / interval), (hours || 24) * (minutes || 60));
    case Freq.Secondly:
      return Math.min(Math.ceil(86400 / interval), (hours || 24) * (minutes || 60) * 60);
    case Freq.None:
      return 1;
    default:
      return (hours || 1) * (minutes || 1);
  }
}

/**
 * Whether a sub-daily rule's INTERVAL can ever land on its BYHOUR/BYMINUTE values. rrule.js
 * loops forever on one that cannot (FREQ=HOURLY;INTERVAL=24;BYHOUR=5 from 09:00), so such a rule
 * is refused.
 */
export function canReachByTimes(rule: SchedulingRuleDto): boolean {
  const freq = rule.frequency ?? Freq.None;
  const interval = Math.max(1, rule.interval ?? 1);
  const startMinute = Math.floor(startSecondOfDay(rule) / 60);
  const inPhase = (value: number, start: number, cycle: number): boolean => {
    const g = gcd(interval, cycle);
    return (((value - start) % g) + g) % g === 0;
  };
  if (freq === Freq.Hourly && rule.byHour?.length) return rule.byHour.some((h) => inPhase(h, Math.floor(startMinute / 60), 24));
  if (freq === Freq.Minutely && rule.byMinute?.length) return rule.byMinute.some((m) => inPhase(m, startMinute % 60, 60));
  return true;
}

/**
 * rrule.js 2.8.1 carries a minute overflow into the hour through BYHOUR (a second overflow
 * through BYHOUR and BYMINUTE). That is right only while the step divides a minute or an hour
 * evenly and no day is filtered out; otherwise it skips whole days, so such rules are refused.
 */
function unsupportedByTime(rule: SchedulingRuleDto): 'byHour' | 'byMinute' | undefined {
  const freq = rule.frequency ?? Freq.None;
  if (freq !== Freq.Minutely && freq !== Freq.Secondly) return undefined;
  const field = rule.byHour?.length ? 'byHour' : freq === Freq.Secondly && rule.byMinute?.length ? 'byMinute' : undefined;
  if (!field) return undefined;
  const dayFilters = [rule.byMonth, rule.byYearDay, rule.byMonthDay, rule.byDay].some((list) => list?.length);
  return dayFilters || 60 % Math.max(1, rule.interval ?? 1) !== 0 ? field : undefined;
}

/** The cost checks of one Time rule (its fields already have valid shapes). */
export function checkRuleCost(rule: SchedulingRuleDto, at: string, report: Report): void {
  const { firstYear, lastYear, maxInterval, maxCount } = SCHEDULE_LIMITS;
  for (const key of ['startDate', 'untilDate'] as const) {
    const year = Number(rule[key]?.slice(0, 4));
    if (rule[key] && (year < firstYear || year > lastYear)) {
      report(`${at}.${key}`, 'InclusiveBetween', `must be from ${firstYear}-01-01 to ${lastYear}-12-31.`);
    }
  }
  const interval = rule.interval ?? 0;
  if (interval < 0 || interval > maxInterval) report(`${at}.interval`, 'InclusiveBetween', `must be from 1 to ${maxInterval} (0 means 1).`);
  const count = rule.count ?? 0;
  if (count < 0 || count > maxCount) report(`${at}.count`, 'InclusiveBetween', `must be from 1 to ${maxCount} (0 means no count).`);
  const unsupported = unsupportedByTime(rule);
  if (unsupported) {
    report(
      `${at}.${unsupported}`,
      'NotSupported',
      `with a ${rule.frequency} frequency needs an interval that divides 60 and no day filters; use a Daily or Weekly rule with byHour and byMinute instead.`,
    );
  }
  if (rule.bySetPosition?.length && [Freq.Hourly, Freq.Minutely, Freq.Secondly].includes(rule.frequency ?? Freq.None)) {
    report(`${at}.bySetPosition`, 'NotSupported', 'is only supported with a Daily or longer frequency.');
  }
  if (!canReachByTimes(rule)) {
    report(`${at}.interval`, 'NotAllowed', 'never lands on a byHour/byMinute value from the start time, so the rule has no occurrence.');
  }
}

/**
 * Schedule-wide budgets: the windows all rules open in a day, and the periods COUNT rules walk
 * from their start to their last occurrence (run once here, then cached).
 */
export function checkScheduleCost(rules: SchedulingRuleDto[], path: string, report: Report): void {
  let windows = 0;
  let countWalk = COUNT_WALK_LIMIT;
  rules.forEach((rule, i) => {
    if (rule.simpleRuleType !== SimpleSchedulingRuleTypes.Time) return;
    const at = `${path}.rules[${i}]`;
    windows += windowsPerDay(rule);
    if (windows > SCHEDULE_LIMITS.maxWindowsPerDay) {
      report(
        `${at}.frequency`,
        'LimitExceeded',
        `makes the schedule open more than ${SCHEDULE_LIMITS.maxWindowsPerDay} windows a day; use a longer interval or fewer byHour/byMinute values.`,
      );
      windows = -Infinity;
    }
    if ((rule.count ?? 0) > 0 && (rule.frequency ?? Freq.None) !== Freq.None) {
      const expansion = Recurrence.of({
        ...rule,
        interval: rule.interval ?? 0,
        count: rule.count ?? 0,
        untilDate: null,
      } as never).expandCount();
      countWalk -= expansion.periods;
      if (!expansion.complete || countWalk < 0) {
        report(
          `${at}.count`,
          'LimitExceeded',
          `must be reached within ${COUNT_WALK_LIMIT} ${rule.frequency?.toLowerCase()} periods of startDate (for the whole schedule); this rule's ${rule.count} occurrences are not.`,
        );
        countWalk = Infinity;
      }
    }
  });
}
