import { Recurrence } from './recurrence/recurrence';
import { DAY, instantsOf, MINUTE, normalizeWallClock, toWallClock } from './recurrence/zoned-time';
import { SimpleSchedulingRuleTypes } from './schedule.enums';
import type { Schedule, SchedulingRule } from './schedule.types';

/** A schedule in force, with the parent customer's (for CustomerState rules). */
export interface ScheduleContext {
  schedule: Schedule;
  parent?: ScheduleContext;
}

export interface Evaluation {
  stateName: string;
  timeZoneId: string;
  ruleId: string | null;
  ruleName: string | null;
}

/** How far ahead schedule-state looks for the next change (documented in the README). */
export const NEXT_CHANGE_HORIZON_DAYS = 31;

const minutesOf = (time: string | null): number => {
  if (!time) return 0;
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
};

interface Window {
  start: number;
  end: number;
}

const compiled = new WeakMap<SchedulingRule, Recurrence>();

/**
 * The windows of a Time rule whose occurrences start in [from, to] (wall-clock values): from the
 * occurrence to endTime that day, or the next day when endTime is at or before startTime
 * (contract §4), or the whole local day. Bounds that fall in a DST gap move forward as RFC 5545
 * §3.3.5 reads them. An occurrence past its endTime (a BYHOUR later than endTime) opens nothing.
 */
function windows(rule: SchedulingRule, zone: string, from: number, to: number): Window[] {
  let recurrence = compiled.get(rule);
  if (!recurrence) compiled.set(rule, (recurrence = Recurrence.of(rule)));
  const overnight = minutesOf(rule.endTime) <= minutesOf(rule.startTime);
  return recurrence.between(from, to).flatMap((start) => {
    const day = Math.floor(start / DAY) * DAY;
    if (rule.isAllDay) return [{ start: normalizeWallClock(day, zone), end: normalizeWallClock(day + DAY, zone) }];
    const end = day + minutesOf(rule.endTime) * MINUTE + (overnight ? DAY : 0);
    return end > start ? [{ start: normalizeWallClock(start, zone), end: normalizeWallClock(end, zone) }] : [];
  });
}

/** Evaluates schedules at instants (contract §4); pure and synchronous. */
export class ScheduleEvaluator {
  private readonly ordered: SchedulingRule[];
  private readonly parent?: ScheduleEvaluator;

  constructor(private readonly ctx: ScheduleContext) {
    // Ascending priority; Array.prototype.sort is stable, so ties keep list order.
    this.ordered = [...ctx.schedule.rules].sort((a, b) => a.priority - b.priority);
    if (ctx.parent) this.parent = new ScheduleEvaluator(ctx.parent);
  }

  stateAt(instant: number): Evaluation {
    const { schedule } = this.ctx;
    const result = (stateName: string, rule?: SchedulingRule): Evaluation => ({
      stateName,
      timeZoneId: schedule.timeZoneId,
      ruleId: rule?.id ?? null,
      ruleName: rule?.name ?? null,
    });
    if (schedule.forceClosed) return result('Closed');
    const wall = toWallClock(instant, schedule.timeZoneId);
    const rule = this.ordered.find((r) => this.matches(r, instant, wall));
    return rule ? result(rule.state ?? schedule.defaultState, rule) : result(schedule.defaultState);
  }

  /** The first instant after `from`, within the horizon, at which the state changes; null if none. */
  nextChange(from: number, horizonMs = NEXT_CHANGE_HORIZON_DAYS * DAY): number | null {
    const current = this.stateAt(from).stateName;
    for (const candidate of this.boundaries(from, from + horizonMs)) {
      if (this.stateAt(candidate).stateName !== current) return candidate;
    }
    return null;
  }

  /** Every instant in (from, to] at which some rule's window opens or closes. */
  boundaries(from: number, to: number): number[] {
    const { schedule } = this.ctx;
    if (schedule.forceClosed) return [];
    const zone = schedule.timeZoneId;
    const wallFrom = toWallClock(from, zone) - 2 * DAY;
    const wallTo = toWallClock(to, zone) + DAY;
    const out = new Set<number>();
    for (const rule of this.ordered) {
      if (rule.simpleRuleType === SimpleSchedulingRuleTypes.Time) {
        for (const w of windows(rule, zone, wallFrom, wallTo)) {
          for (const t of [...instantsOf(w.start, zone), ...instantsOf(w.end, zone)]) if (t > from && t <= to) out.add(t);
        }
      } else if (rule.simpleRuleType === SimpleSchedulingRuleTypes.CustomerState && this.parent) {
        for (const t of this.parent.boundaries(from, to)) out.add(t);
      }
    }
    return [...out].sort((a, b) => a - b);
  }

  private matches(rule: SchedulingRule, instant: number, wall: number): boolean {
    switch (rule.simpleRuleType) {
      case SimpleSchedulingRuleTypes.Always:
        return true;
      case SimpleSchedulingRuleTypes.CustomerState:
        return !!this.parent && this.parent.stateAt(instant).stateName === rule.customerState;
      default:
        return windows(rule, this.ctx.schedule.timeZoneId, wall - 2 * DAY, wall).some((w) => w.start <= wall && wall < w.end);
    }
  }
}
