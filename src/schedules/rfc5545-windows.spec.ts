import { RFC5545_VECTORS, vectorRule } from '../../test/fixtures/rfc5545-vectors';
import { ScheduleEvaluator } from './schedule-evaluator';
import { SimpleSchedulingRuleTypes } from './schedule.enums';
import type { SchedulingRule } from './schedule.types';

const MINUTE = 60_000;
const pad = (n: number): string => String(n).padStart(2, '0');
const hhmm = (minutes: number): string => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
const wall = (text: string): number => Date.parse(`${text}:00Z`);

/**
 * Every instance of a recurrence lasts as long as the first (RFC 5545 §3.8.5.3), so each listed
 * occurrence of each RFC example must open a window of startTime → endTime: probed just inside
 * and just past the end of every window, not only the first.
 */
describe('RFC 5545 examples: a window at every occurrence, each as long as the first', () => {
  it.each(RFC5545_VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const starts = v.expected.map(wall);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    // Half the shortest gap (at most a day), so no window reaches the next occurrence.
    const length = Math.max(MINUTE, Math.min(24 * 60 * MINUTE, ...gaps.map((g) => Math.floor(g / 2 / MINUTE) * MINUTE)));
    const startMinutes = Number(v.dtstart.slice(11, 13)) * 60 + Number(v.dtstart.slice(14, 16));
    const rule: SchedulingRule = {
      ...vectorRule(v.dtstart, v.rrule, v.until),
      id: 'r',
      name: v.name,
      priority: 0,
      state: 'Open',
      source: null,
      condition: null,
      customerState: null,
      flowId: null,
      flowParams: {},
      simpleRuleType: SimpleSchedulingRuleTypes.Time,
      endTime: hhmm(startMinutes + length / MINUTE),
    };
    const evaluator = new ScheduleEvaluator({
      schedule: { timeZoneId: 'UTC', inherit: false, forceClosed: false, rules: [rule], defaultState: 'Closed' },
    });
    const probes = starts.flatMap((t) => [
      [t, 'Open'],
      [t + length - MINUTE, 'Open'],
      [t + length, 'Closed'],
    ]);
    expect(probes.map(([t]) => evaluator.stateAt(t as number).stateName)).toEqual(probes.map(([, s]) => s));
  });
});
