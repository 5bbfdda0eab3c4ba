import { ApiError } from '../common/errors/api-error';
import { fromWallClock } from './recurrence/zoned-time';
import { SCHEDULE_LIMITS } from './schedule-cost-limits';

const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An ISO 8601 instant, or a local date-time read in `zone` (RFC 5545 §3.3.5). */
export function parseInstant(text: string, zone: string, field: string): number {
  const instant = readInstant(text.trim(), zone);
  if (instant === undefined)
    throw ApiError.field(
      field,
      'InvalidDateTime',
      `'${field.charAt(0).toUpperCase()}${field.slice(1)}' must be an ISO 8601 date-time, e.g. 2026-03-08T09:30:00Z.`,
    );
  const year = new Date(instant).getUTCFullYear();
  if (year < SCHEDULE_LIMITS.firstYear || year > SCHEDULE_LIMITS.lastYear) {
    throw ApiError.field(
      field,
      'InclusiveBetween',
      `'${field.charAt(0).toUpperCase()}${field.slice(1)}' must be from ${SCHEDULE_LIMITS.firstYear} to ${SCHEDULE_LIMITS.lastYear}.`,
    );
  }
  return instant;
}

function readInstant(value: string, zone: string): number | undefined {
  if (WITH_ZONE.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return t;
  }
  const m = LOCAL.exec(value);
  if (m) {
    const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
    if (!Number.isNaN(wall) && new Date(wall).getUTCDate() === +m[3]) return fromWallClock(wall, zone);
  }
  return undefined;
}
