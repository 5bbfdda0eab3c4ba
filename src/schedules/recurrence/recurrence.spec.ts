import { SchedulingRuleFrequency } from '../schedule.enums';
import { Recurrence } from './recurrence';
import { RFC5545_VECTORS, vectorRule as toRule } from '../../../test/fixtures/rfc5545-vectors';
import { formatWallClock } from './zoned-time';

describe('Recurrence adapter on the RFC 5545 §3.8.5.3 examples', () => {
  it.each(RFC5545_VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const recurrence = Recurrence.of(toRule(v.dtstart, v.rrule, v.until));
    const got = recurrence.first(v.total ? v.total + 1 : v.expected.length).map(formatWallClock);
    expect(got.slice(0, v.expected.length)).toEqual(v.expected);
    if (v.total) expect(got).toHaveLength(v.total);
  });

  it('covers the features the contract names', () => {
    const rules = RFC5545_VECTORS.map((v) => v.rrule).join(';');
    for (const feature of ['BYSETPOS=-2', 'BYMONTHDAY=-3', 'BYWEEKNO', 'BYYEARDAY', '1FR', 'INTERVAL=2', 'COUNT', 'BYHOUR', 'BYMINUTE']) {
      expect(rules).toContain(feature);
    }
    expect(RFC5545_VECTORS.some((v) => v.until)).toBe(true);
  });

  it('finds occurrences in a window, inclusive at both ends', () => {
    const r = Recurrence.of(toRule('2026-01-05T09:00', 'FREQ=WEEKLY;BYDAY=MO,WE'));
    const from = Date.UTC(2026, 0, 12, 9, 0);
    expect(r.between(from, Date.UTC(2026, 0, 14, 9, 0)).map(formatWallClock)).toEqual(['2026-01-12T09:00', '2026-01-14T09:00']);
  });

  it('treats frequency None as the single occurrence at DTSTART', () => {
    const r = Recurrence.of({ ...toRule('2026-12-25T00:00', 'FREQ=DAILY'), frequency: SchedulingRuleFrequency.None });
    expect(r.first(5).map(formatWallClock)).toEqual(['2026-12-25T00:00']);
    expect(r.between(Date.UTC(2026, 11, 24), Date.UTC(2026, 11, 26))).toHaveLength(1);
  });
});
