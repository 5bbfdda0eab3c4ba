import { ServiceStackType } from '../../compat/metadata/service-stack-names';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsStruct } from '../../common/struct/struct.validator';
import type { Struct } from '../../common/struct/struct.types';
import { IsOmittable } from '../../common/validation/optional.decorators';
import { DayOfWeek, SchedulingRuleFrequency, SimpleSchedulingRuleTypes } from '../schedule.enums';

const intList = (): PropertyDecorator => (target, key) => {
  IsOmittable()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(400)(target, key);
  IsInt({ each: true })(target, key);
};

@ServiceStackType({ namespace: 'Voice.Api.Scheduling' })
export class ScheduleDayDto {
  /** The BYDAY ordinal (e.g. 1 = first, -1 = last); 0 for every such weekday. */
  @IsOmittable()
  @IsInt()
  offset?: number;

  @IsEnum(DayOfWeek)
  dayOfWeek: DayOfWeek;
}

/** One rule of a schedule. A `Time` rule is an RFC 5545 recurrence evaluated in the schedule's zone. */
@ServiceStackType({ namespace: 'Voice.Api.Scheduling' })
export class SchedulingRuleDto {
  /** Kept when given, generated otherwise. */
  @IsOmittable()
  @IsString()
  @MaxLength(36)
  id?: string;

  @IsOmittable()
  @IsString()
  @MaxLength(200)
  name?: string;

  /** Lower numbers are evaluated first; ties keep list order. */
  @IsOmittable()
  @IsInt()
  priority?: number;

  /** The state this rule gives when it matches ("Open", "Closed", "Holiday", …). */
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  state?: string;

  @IsOmittable()
  @IsString()
  @MaxLength(200)
  source?: string;

  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  condition?: string;

  @IsEnum(SimpleSchedulingRuleTypes)
  simpleRuleType: SimpleSchedulingRuleTypes;

  /** For CustomerState rules: matches while the parent customer is in this state. */
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  customerState?: string;

  @IsOmittable()
  @IsString()
  @MaxLength(100)
  flowId?: string;

  @IsOmittable()
  @IsStruct()
  flowParams?: Struct;

  @IsOmittable()
  @IsBoolean()
  isAllDay?: boolean;

  /** `yyyy-MM-dd`: with startTime, the DTSTART in the schedule's zone. */
  @IsOmittable()
  @IsString()
  @MaxLength(10)
  startDate?: string;

  /** `HH:mm` */
  @IsOmittable()
  @IsString()
  @MaxLength(5)
  startTime?: string;

  /** `HH:mm`; at or before startTime means the window ends the next day. */
  @IsOmittable()
  @IsString()
  @MaxLength(5)
  endTime?: string;

  @intList() bySetPosition?: number[];
  @intList() byMonth?: number[];
  @intList() byWeekNo?: number[];
  @intList() byYearDay?: number[];
  @intList() byMonthDay?: number[];

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ScheduleDayDto)
  byDay?: ScheduleDayDto[];

  @intList() byHour?: number[];
  @intList() byMinute?: number[];

  /** RFC 5545 INTERVAL; 0 means 1. */
  @IsOmittable()
  @IsInt()
  interval?: number;

  /** RFC 5545 COUNT; 0 means unbounded. */
  @IsOmittable()
  @IsInt()
  count?: number;

  /** `yyyy-MM-dd`, inclusive, in the schedule's zone. */
  @IsOmittable()
  @IsString()
  @MaxLength(10)
  untilDate?: string;

  @IsOmittable()
  @IsEnum(SchedulingRuleFrequency)
  frequency?: SchedulingRuleFrequency;
}

@ServiceStackType({ namespace: 'Voice.Api.Scheduling' })
export class ScheduleDto {
  /** IANA time zone, e.g. `America/New_York`. */
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  timeZoneId?: string;

  /** Use the parent's effective schedule (then the account's) instead of these rules. */
  @IsOmittable()
  @IsBoolean()
  inherit?: boolean;

  /** Closed whatever the rules say. */
  @IsOmittable()
  @IsBoolean()
  forceClosed?: boolean;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SchedulingRuleDto)
  rules?: SchedulingRuleDto[];

  /** The state when no rule matches. */
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  defaultState?: string;
}
