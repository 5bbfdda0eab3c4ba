import { NestedDto } from '../../common/validation/dto-decorators';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** ISO 8601 date-time, with or without a zone; checked here, read in the schedule's zone later. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DATE_TIME_MESSAGE = ({ property }: { property: string }) =>
  `'${property.charAt(0).toUpperCase()}${property.slice(1)}' must be an ISO 8601 date-time, e.g. 2026-03-08T09:30:00Z.`;
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
  @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE })
  dateTime: string;
}

export class ScheduleStateQuery {
  /** ISO 8601 instant (or local time in the schedule's zone); now when left out */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE })
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
