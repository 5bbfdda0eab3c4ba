import { EXAMPLE_SCHEDULE } from '../openapi/examples';
import { Operation, PathParam } from '../compat/operation.decorator';
import { Body, Controller, HttpCode, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { ScheduleDto } from '../schedules/dto/schedule.dto';
import { ScheduleStateQuery, ScheduleStateResponse, TestScheduleDto, TestScheduleResponse } from '../schedules/dto/schedule-requests.dto';
import { ScheduleStateService } from './customer-schedule-state.service';

@ApiTags('Schedules')
@ApiBearerAuth()
@Controller()
@Roles(Role.SystemAdministrator, Role.Manager, Role.Customer)
export class CustomerSchedulesController {
  constructor(private readonly states: ScheduleStateService) {}

  /** The schedule in force for the customer after following inherit up to the account (GetInheritedSchedule) */
  @Operation('GET', 'customers/:customerId/inherited-schedule', 'GetInheritedSchedule')
  inherited(@CurrentUser() p: Principal, @PathParam('customerId') customerId: string): Promise<ScheduleDto> {
    return this.states.inherited(p, customerId) as Promise<ScheduleDto>;
  }

  /** Evaluates a schedule (or the customer's own) at a date-time (TestSchedule) */
  @Operation('POST', 'customers/:customerId/test-schedule', 'TestSchedule', {
    leavesCustomersUnchanged: true,
    example: { dateTime: '2026-12-24T10:00:00', schedule: EXAMPLE_SCHEDULE },
  })
  @HttpCode(200)
  test(
    @CurrentUser() p: Principal,
    @PathParam('customerId') customerId: string,
    @Body() dto: TestScheduleDto,
  ): Promise<TestScheduleResponse> {
    return this.states.test(p, customerId, dto);
  }

  /** The customer's state at `at` (default now) and when it next changes */
  @Operation('GET', 'customers/:customerId/schedule-state', 'GetScheduleState', { readsFrom: 'replica' })
  state(
    @CurrentUser() p: Principal,
    @PathParam('customerId') customerId: string,
    @Query() q: ScheduleStateQuery,
  ): Promise<ScheduleStateResponse> {
    return this.states.state(p, customerId, q.at);
  }
}
