import { formatWallClock, fromWallClock, instantsOf, normalizeWallIn, offsetSpans, toWallClock, wallClockOf } from './zoned-time';

const iso = (t: number): string => new Date(t).toISOString();

describe('zoned wall-clock arithmetic', () => {
  it('reads an instant as local time in any zone, whatever the process TZ', () => {
    const t = Date.parse('2026-11-23T15:00:00Z');
    expect(formatWallClock(toWallClock(t, 'America/New_York'))).toBe('2026-11-23T10:00');
    expect(formatWallClock(toWallClock(t, 'Asia/Kolkata'))).toBe('2026-11-23T20:30');
    expect(formatWallClock(toWallClock(t, 'UTC'))).toBe('2026-11-23T15:00');
  });

  it('reads a local time in a spring-forward gap with the offset before the gap (RFC 5545 §3.3.5)', () => {
    const gap = wallClockOf('2026-03-08', '02:30');
    expect(instantsOf(gap, 'America/New_York')).toEqual([]);
    expect(iso(fromWallClock(gap, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    const offsets = offsetSpans('America/New_York', Date.parse('2026-03-07T00:00:00Z'), Date.parse('2026-03-10T00:00:00Z'));
    expect(formatWallClock(normalizeWallIn(gap, offsets))).toBe('2026-03-08T03:30');
  });

  it('reads a repeated local time on a fall-back day as its first occurrence', () => {
    const twice = wallClockOf('2026-11-01', '01:30');
    expect(instantsOf(twice, 'America/New_York').map(iso)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
    expect(iso(fromWallClock(twice, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(fromWallClock(wallClockOf('2026-10-25', '01:30'), 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
  });
});
