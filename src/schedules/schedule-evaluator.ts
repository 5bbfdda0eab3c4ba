import { DAY, offsetSpans, toWallClock } from './recurrence/zoned-time';
import { SimpleSchedulingRuleTypes } from './schedule.enums';
import type { Schedule, SchedulingRule } from './schedule.types';
import { mergeSpans, Span, timeRuleCoverage, windowLength } from './schedule-windows';

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

/** A stretch of time over which one rule (or none) decides the state. */
interface StateSpan extends Span {
  rule: SchedulingRule | null;
}

/**
 * Evaluates schedules (contract §4); pure and synchronous. Each rule's windows over the range
 * asked about become joined stretches of instants, and one sweep over their bounds gives the
 * state at every moment of the range, so the cost depends on the range and the rules, never on
 * how long ago a rule started.
 */
export class ScheduleEvaluator {
  private readonly ordered: SchedulingRule[];
  private readonly parent?: ScheduleEvaluator;
  private readonly memo = new Map<string, StateSpan[]>();

  constructor(private readonly ctx: ScheduleContext) {
    // Ascending priority; Array.prototype.sort is stable, so ties keep list order.
    this.ordered = [...ctx.schedule.rules].sort((a, b) => a.priority - b.priority);
    if (ctx.parent) this.parent = new ScheduleEvaluator(ctx.parent);
  }

  stateAt(instant: number): Evaluation {
    return this.evaluation(this.timeline(instant, instant + 1)[0].rule);
  }

  /** The first instant after `from`, within the horizon, at which the state changes; null if none. */
  nextChange(from: number, horizonMs = NEXT_CHANGE_HORIZON_DAYS * DAY): number | null {
    const spans = this.timeline(from, from + horizonMs + 1);
    const current = this.stateName(spans[0].rule);
    return spans.find((s) => this.stateName(s.rule) !== current)?.start ?? null;
  }

  private evaluation(rule: SchedulingRule | null): Evaluation {
    return {
      stateName: this.stateName(rule),
      timeZoneId: this.ctx.schedule.timeZoneId,
      ruleId: rule?.id ?? null,
      ruleName: rule?.name ?? null,
    };
  }

  private stateName(rule: SchedulingRule | null): string {
    const { schedule } = this.ctx;
    if (schedule.forceClosed) return 'Closed';
    return rule ? (rule.state ?? schedule.defaultState) : schedule.defaultState;
  }

  /** [from, to) cut where the deciding rule changes; consecutive stretches differ in rule. */
  private timeline(from: number, to: number): StateSpan[] {
    const key = `${from}:${to}`;
    const known = this.memo.get(key);
    if (known) return known;
    const spans = this.ctx.schedule.forceClosed ? [{ start: from, end: to, rule: null }] : this.sweep(from, to);
    this.memo.set(key, spans);
    return spans;
  }

  private sweep(from: number, to: number): StateSpan[] {
    const coverage = this.coverage(from, to);
    const bounds = new Set<number>([from, to]);
    for (const spans of coverage) for (const s of spans) for (const b of [s.start, s.end]) if (b > from && b < to) bounds.add(b);
    const cuts = [...bounds].sort((a, b) => a - b);
    const cursor = coverage.map(() => 0);
    const out: StateSpan[] = [];
    for (let i = 0; i < cuts.length - 1; i++) {
      const t = cuts[i];
      let rule: SchedulingRule | null = null;
      for (let r = 0; r < coverage.length && !rule; r++) {
        const spans = coverage[r];
        while (cursor[r] < spans.length && spans[cursor[r]].end <= t) cursor[r]++;
        if (cursor[r] < spans.length && spans[cursor[r]].start <= t) rule = this.ordered[r];
      }
      const last = out[out.length - 1];
      if (last && last.rule === rule) last.end = cuts[i + 1];
      else out.push({ start: t, end: cuts[i + 1], rule });
    }
    return out;
  }

  /** Per rule, in priority order: the joined stretches of [from, to) in which it matches. */
  private coverage(from: number, to: number): Span[][] {
    const zone = this.ctx.schedule.timeZoneId;
    const longest = Math.max(0, ...this.ordered.map((r) => (r.simpleRuleType === SimpleSchedulingRuleTypes.Time ? windowLength(r) : 0)));
    const wallFrom = toWallClock(from, zone) - longest - DAY;
    const wallTo = toWallClock(to, zone) + DAY;
    const offsets = this.ordered.some((r) => r.simpleRuleType === SimpleSchedulingRuleTypes.Time)
      ? offsetSpans(zone, from - longest - 2 * DAY, to + 2 * DAY)
      : [];
    const clip = (spans: Span[]): Span[] =>
      spans.filter((s) => s.end > from && s.start < to).map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) }));
    return this.ordered.map((rule) => {
      switch (rule.simpleRuleType) {
        case SimpleSchedulingRuleTypes.Always:
          return [{ start: from, end: to }];
        case SimpleSchedulingRuleTypes.CustomerState:
          if (!this.parent) return [];
          return mergeSpans(this.parent.timeline(from, to).filter((s) => this.parent!.stateName(s.rule) === rule.customerState));
        default:
          return clip(timeRuleCoverage(rule, wallFrom, wallTo, offsets));
      }
    });
  }
}
