import { Injectable } from '@nestjs/common';
import { Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { CustomerScopeService } from '../customers/customer-scope.service';
import { ScheduleStateResponse, TestScheduleDto, TestScheduleResponse } from './dto/schedule-requests.dto';
import { fromWallClock } from './recurrence/zoned-time';
import { ScheduleContext, ScheduleEvaluator } from './schedule-evaluator';
import { ScheduleResolverService } from './schedule-resolver.service';
import { toValidSchedule } from './schedule-validation';
import { Schedule } from './schedule.types';
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

@Injectable()
export class ScheduleStateService {
  constructor(
    private readonly scope: CustomerScopeService,
    private readonly resolver: ScheduleResolverService,
  ) {}

  /** GetInheritedSchedule: the schedule in force after following inherit to the account. */
  async inherited(p: Principal, customerId: string): Promise<Schedule> {
    const customer = await this.scope.requireVisible(p, customerId);
    return (await this.resolver.resolve(customer)).context.schedule;
  }

  async test(p: Principal, customerId: string, dto: TestScheduleDto): Promise<TestScheduleResponse> {
    const customer = await this.scope.requireVisible(p, customerId);
    const given = dto.schedule ? toValidSchedule(dto.schedule, 'schedule') : undefined;
    const resolved = await this.resolver.resolve(customer);
    const context: ScheduleContext = given
      ? { schedule: given.inherit ? resolved.above : given, parent: resolved.parent }
      : resolved.context;
    const instant = parseInstant(dto.dateTime, context.schedule.timeZoneId, 'dateTime');
    return new ScheduleEvaluator(context).stateAt(instant);
  }

  async state(p: Principal, customerId: string, at: string | undefined): Promise<ScheduleStateResponse> {
    const customer = await this.scope.requireVisible(p, customerId);
    const { context } = await this.resolver.resolve(customer);
    const instant = at ? parseInstant(at, context.schedule.timeZoneId, 'at') : Date.now();
    const evaluator = new ScheduleEvaluator(context);
    const next = evaluator.nextChange(instant);
    return { ...evaluator.stateAt(instant), nextChangeAt: next === null ? null : new Date(next).toISOString() };
  }
}
