import { NestedDto } from '../../common/validation/dto-decorators';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ScheduleDto } from './schedule.dto';

/** Evaluates a schedule at an instant (TestSchedule) */
export class TestScheduleDto {
  /** The schedule to try; the customer's own effective schedule when left out */
  @NestedDto(() => ScheduleDto)
  schedule?: ScheduleDto;

  /** ISO 8601. With Z or an offset it is an instant; without, a local time in the schedule's zone */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  dateTime: string;
}

export class ScheduleStateQuery {
  /** ISO 8601 instant (or local time in the schedule's zone); now when left out */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  at?: string;
}

export class TestScheduleResponse {
  /** The state in force: the matching rule's, "Closed" when forced closed, else the default state */
  stateName: string;
  timeZoneId: string;
  /** The matching rule, null when none matched */
  ruleId: string | null;
  ruleName: string | null;
}

export class ScheduleStateResponse extends TestScheduleResponse {
  /** The next instant the state changes, searched up to 31 days ahead; null if none in that horizon */
  nextChangeAt: string | null;
}
