import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { ScheduleDto } from './dto/schedule.dto';
import { ScheduleStateQuery, ScheduleStateResponse, TestScheduleDto, TestScheduleResponse } from './dto/schedule-requests.dto';
import { ScheduleStateService } from './schedule-state.service';

@ApiTags('Schedules')
@ApiBearerAuth()
@Controller('customers/:customerId')
@Roles(Role.SystemAdministrator, Role.Manager, Role.Customer)
export class SchedulesController {
  constructor(private readonly states: ScheduleStateService) {}

  /** The schedule in force for the customer after following inherit up to the account (GetInheritedSchedule) */
  @Get('inherited-schedule')
  inherited(@CurrentUser() p: Principal, @Param('customerId') customerId: string): Promise<ScheduleDto> {
    return this.states.inherited(p, customerId) as Promise<ScheduleDto>;
  }

  /** Evaluates a schedule (or the customer's own) at a date-time (TestSchedule) */
  @Post('test-schedule')
  @HttpCode(200)
  test(@CurrentUser() p: Principal, @Param('customerId') customerId: string, @Body() dto: TestScheduleDto): Promise<TestScheduleResponse> {
    return this.states.test(p, customerId, dto);
  }

  /** The customer's state at `at` (default now) and when it next changes */
  @Get('schedule-state')
  state(
    @CurrentUser() p: Principal,
    @Param('customerId') customerId: string,
    @Query() q: ScheduleStateQuery,
  ): Promise<ScheduleStateResponse> {
    return this.states.state(p, customerId, q.at);
  }
}
