import { randomUUID } from 'node:crypto';
import { ApiError } from '../common/errors/api-error';
import { FieldError } from '../common/errors/field-error';
import { fieldLabel } from '../common/validation/validation-errors';
import { ScheduleDto, SchedulingRuleDto } from './dto/schedule.dto';
import { checkRuleCost, checkScheduleCost } from './schedule-cost-limits';
import { SchedulingRuleFrequency as Freq, SimpleSchedulingRuleTypes } from './schedule.enums';
import { Schedule, SchedulingRule } from './schedule.types';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const zoneCache = new Map<string, boolean>();
export function isKnownTimeZone(zone: string): boolean {
  let known = zoneCache.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = zone.length <= 64;
    } catch {
      known = false;
    }
    if (zoneCache.size < 1000) zoneCache.set(zone, known);
  }
  return known;
}

/** RFC 5545 §3.3.10 ranges; `signed` lists may count from the end but never hold 0. */
const RANGES: [keyof SchedulingRuleDto, number, number, boolean][] = [
  ['bySetPosition', 1, 366, true],
  ['byMonth', 1, 12, false],
  ['byWeekNo', 1, 53, true],
  ['byYearDay', 1, 366, true],
  ['byMonthDay', 1, 31, true],
  ['byHour', 0, 23, false],
  ['byMinute', 0, 59, false],
];

class Errors {
  readonly list: FieldError[] = [];
  add(fieldName: string, errorCode: string, text: string): void {
    this.list.push({ fieldName, errorCode, message: `'${fieldLabel(fieldName)}' ${text}` });
  }
}

function checkRule(rule: SchedulingRuleDto, at: string, e: Errors): void {
  if (!rule.state?.trim()) e.add(`${at}.state`, 'NotEmpty', 'must not be empty.');
  if (rule.simpleRuleType === SimpleSchedulingRuleTypes.CustomerState && !rule.customerState?.trim()) {
    e.add(`${at}.customerState`, 'NotEmpty', 'must not be empty for a CustomerState rule.');
  }
  for (const key of ['startTime', 'endTime'] as const) {
    const value = rule[key];
    if (value !== undefined && value !== null && value !== '' && !TIME.test(value))
      e.add(`${at}.${key}`, 'InvalidTime', 'must be a time as HH:mm (00:00 to 23:59).');
  }
  for (const key of ['startDate', 'untilDate'] as const) {
    const value = rule[key];
    if (value !== undefined && value !== null && value !== '' && !isValidDate(value))
      e.add(`${at}.${key}`, 'InvalidDate', 'must be a date as yyyy-MM-dd.');
  }
  if (rule.simpleRuleType !== SimpleSchedulingRuleTypes.Time) return;
  if (!rule.startDate) e.add(`${at}.startDate`, 'NotEmpty', 'must not be empty for a Time rule.');
  if (!rule.isAllDay) {
    if (!rule.startTime) e.add(`${at}.startTime`, 'NotEmpty', 'must not be empty unless the rule is all day.');
    if (!rule.endTime) e.add(`${at}.endTime`, 'NotEmpty', 'must not be empty unless the rule is all day.');
  }
  checkRuleCost(rule, at, (field, code, text) => e.add(field, code, text));
  if ((rule.count ?? 0) > 0 && rule.untilDate) e.add(`${at}.count`, 'NotAllowed', 'must not be set together with untilDate (RFC 5545).');
  for (const [key, min, max, signed] of RANGES) {
    ((rule[key] as number[] | undefined) ?? []).forEach((v, i) => {
      const ok = signed ? Math.abs(v) >= min && Math.abs(v) <= max : v >= min && v <= max;
      if (!ok)
        e.add(
          `${at}.${key}[${i}]`,
          'InclusiveBetween',
          signed ? `must be from ${min} to ${max} or -${max} to -${min}.` : `must be from ${min} to ${max}.`,
        );
    });
  }
  const freq = rule.frequency ?? Freq.None;
  const has = (key: keyof SchedulingRuleDto) => ((rule[key] as unknown[] | undefined) ?? []).length > 0;
  if (has('byWeekNo') && freq !== Freq.Yearly) e.add(`${at}.byWeekNo`, 'NotAllowed', 'is only allowed with a Yearly frequency (RFC 5545).');
  if (has('byYearDay') && [Freq.Daily, Freq.Weekly, Freq.Monthly].includes(freq)) {
    e.add(`${at}.byYearDay`, 'NotAllowed', 'is not allowed with a Daily, Weekly or Monthly frequency (RFC 5545).');
  }
  if (has('byMonthDay') && freq === Freq.Weekly)
    e.add(`${at}.byMonthDay`, 'NotAllowed', 'is not allowed with a Weekly frequency (RFC 5545).');
  (rule.byDay ?? []).forEach((day, i) => {
    const offset = day.offset ?? 0;
    if (offset === 0) return;
    const limit = freq === Freq.Monthly ? 5 : 53;
    if (freq !== Freq.Monthly && freq !== Freq.Yearly) {
      e.add(`${at}.byDay[${i}].offset`, 'NotAllowed', 'must be 0 unless the frequency is Monthly or Yearly (RFC 5545).');
    } else if (freq === Freq.Yearly && has('byWeekNo')) {
      e.add(`${at}.byDay[${i}].offset`, 'NotAllowed', 'must be 0 when byWeekNo is set (RFC 5545).');
    } else if (Math.abs(offset) > limit) {
      e.add(`${at}.byDay[${i}].offset`, 'InclusiveBetween', `must be from -${limit} to ${limit}.`);
    }
  });
  const otherBy = ['byMonth', 'byWeekNo', 'byYearDay', 'byMonthDay', 'byDay', 'byHour', 'byMinute'].some((k) =>
    has(k as keyof SchedulingRuleDto),
  );
  if (has('bySetPosition') && !otherBy) e.add(`${at}.bySetPosition`, 'NotAllowed', 'needs another BY* list beside it (RFC 5545).');
}

/**
 * Checks a schedule against contract §4 and RFC 5545 and returns it with every default filled in.
 * All failures are reported at once, each at its exact JSON path.
 */
export function toValidSchedule(dto: ScheduleDto, path: string): Schedule {
  const e = new Errors();
  const timeZoneId = dto.timeZoneId?.trim() || 'UTC';
  if (!isKnownTimeZone(timeZoneId))
    e.add(`${path}.timeZoneId`, 'InvalidTimeZone', `must be a known IANA time zone; '${timeZoneId}' is not.`);
  const rules = dto.rules ?? [];
  const ids = new Set<string>();
  rules.forEach((rule, i) => {
    checkRule(rule, `${path}.rules[${i}]`, e);
    if (rule.id) {
      // Compared as MySQL's collation would, so both databases accept the same schedules.
      const key = rule.id.toLowerCase();
      if (rule.id.trim() !== rule.id) e.add(`${path}.rules[${i}].id`, 'InvalidId', 'must not start or end with spaces.');
      else if (ids.has(key)) e.add(`${path}.rules[${i}].id`, 'Unique', 'must be unique within the schedule (case-insensitively).');
      ids.add(key);
    }
  });
  // Walking COUNT rules needs well-formed rules, so the budgets come last.
  if (!e.list.length) checkScheduleCost(rules, path, (field, code, text) => e.add(field, code, text));
  if (e.list.length) throw ApiError.validation(e.list);
  return {
    timeZoneId,
    inherit: dto.inherit ?? false,
    forceClosed: dto.forceClosed ?? false,
    rules: rules.map(toRule),
    defaultState: dto.defaultState?.trim() || 'Open',
  };
}

const blank = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

function toRule(r: SchedulingRuleDto): SchedulingRule {
  return {
    id: r.id || randomUUID(),
    name: blank(r.name),
    priority: r.priority ?? 0,
    state: r.state!.trim(),
    source: blank(r.source),
    condition: blank(r.condition),
    simpleRuleType: r.simpleRuleType,
    customerState: blank(r.customerState),
    flowId: blank(r.flowId),
    flowParams: r.flowParams ?? {},
    isAllDay: r.isAllDay ?? false,
    startDate: blank(r.startDate),
    startTime: blank(r.startTime),
    endTime: blank(r.endTime),
    bySetPosition: r.bySetPosition ?? [],
    byMonth: r.byMonth ?? [],
    byWeekNo: r.byWeekNo ?? [],
    byYearDay: r.byYearDay ?? [],
    byMonthDay: r.byMonthDay ?? [],
    byDay: (r.byDay ?? []).map((d) => ({ offset: d.offset ?? 0, dayOfWeek: d.dayOfWeek })),
    byHour: r.byHour ?? [],
    byMinute: r.byMinute ?? [],
    interval: r.interval ?? 0,
    count: r.count ?? 0,
    untilDate: blank(r.untilDate),
    frequency: r.frequency ?? Freq.None,
  };
}
