import { Injectable } from '@nestjs/common';
import { parseInstant } from '../schedules/instant';
import { Principal } from '../common/auth/principal';
import { CustomerScopeService } from './customer-scope.service';
import { ScheduleStateResponse, TestScheduleDto, TestScheduleResponse } from '../schedules/dto/schedule-requests.dto';
import { ScheduleContext, ScheduleEvaluator } from '../schedules/schedule-evaluator';
import { ScheduleResolverService } from './customer-schedule-resolver.service';
import { toValidSchedule } from '../schedules/schedule-validation';
import { Schedule } from '../schedules/schedule.types';

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
