import { Frequency, RRule } from 'rrule';

type ParsedOptions = RRule['options'];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 1970-01-01 was a Thursday; week numbers count from the Monday before it (WKST=MO). */
const MONDAY_BEFORE_EPOCH = -3 * DAY;

/** The index of the rrule period (year, month, week, …) that holds a wall-clock value. */
export function periodIndex(freq: Frequency, wall: number): number {
  const d = new Date(wall);
  switch (freq) {
    case Frequency.YEARLY:
      return d.getUTCFullYear();
    case Frequency.MONTHLY:
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    case Frequency.WEEKLY:
      return Math.floor((wall - MONDAY_BEFORE_EPOCH) / (7 * DAY));
    case Frequency.DAILY:
      return Math.floor(wall / DAY);
    case Frequency.HOURLY:
      return Math.floor(wall / HOUR);
    case Frequency.MINUTELY:
      return Math.floor(wall / MINUTE);
    default:
      return Math.floor(wall / SECOND);
  }
}

/** The first instant of period `index`. */
function periodFirstInstant(freq: Frequency, index: number): number {
  switch (freq) {
    case Frequency.YEARLY:
      return Date.UTC(index, 0, 1);
    case Frequency.MONTHLY:
      return Date.UTC(Math.floor(index / 12), index % 12, 1);
    case Frequency.WEEKLY:
      return MONDAY_BEFORE_EPOCH + index * 7 * DAY;
    case Frequency.DAILY:
      return index * DAY;
    case Frequency.HOURLY:
      return index * HOUR;
    case Frequency.MINUTELY:
      return index * MINUTE;
    default:
      return index * SECOND;
  }
}

/**
 * The start of the last period at or before `from` that the rule visits: a whole number of
 * INTERVALs after DTSTART's period. Walking from there yields exactly the rule's occurrences in
 * that period and after it, as long as every BY* value that rrule.js would derive from DTSTART is
 * explicit (rrule's parsed options are).
 */
export function periodStart(freq: Frequency, interval: number, dtstart: number, from: number): number {
  const first = periodIndex(freq, dtstart);
  const target = periodIndex(freq, from);
  if (target <= first) return dtstart;
  return periodFirstInstant(freq, first + Math.floor((target - first) / interval) * interval);
}

/**
 * A period budget for one rrule.js walk. rrule's iterator reads `options.interval` once when it
 * starts and then twice per period: first to decide whether to stop (the even-numbered reads),
 * then to advance. Answering 0 to a stop check past the budget ends the walk cleanly between two
 * periods. rrule is pinned to 2.8.1 for this; a unit spec proves the bound.
 */
export class WalkLimiter {
  private reads = 0;

  private constructor(private readonly periods: number) {}

  /** Periods walked so far. */
  get walked(): number {
    return Math.max(0, Math.floor((this.reads - 1) / 2));
  }

  static ofPeriods(periods: number): WalkLimiter {
    return new WalkLimiter(periods);
  }

  /** Enough periods to cover [dtstart, to], with two to spare. */
  static covering(freq: Frequency, interval: number, dtstart: number, to: number): WalkLimiter {
    return new WalkLimiter(Math.ceil((periodIndex(freq, to) - periodIndex(freq, dtstart)) / interval) + 2);
  }

  guard(options: ParsedOptions): ParsedOptions {
    const interval = options.interval;
    const limit = 2 * this.periods + 1;
    const guarded = { ...options };
    Object.defineProperty(guarded, 'interval', {
      enumerable: true,
      get: () => {
        this.reads++;
        return this.reads > limit && this.reads % 2 === 0 ? 0 : interval;
      },
    });
    return guarded;
  }
}
