import { NestedDto, NullableNestedDto, IsId } from '../../common/validation/dto-decorators';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIntegrationData, IsStruct } from '../../common/struct/struct.validator';
import type { IntegrationDataMap, Struct } from '../../common/struct/struct.types';
import { IsOmittable, NullIsMeaningful } from '../../common/validation/optional.decorators';
import { ScheduleDto } from '../../schedules/dto/schedule.dto';
import { AppSettingsDto } from '../../settings/dto/app-settings.dto';
import { BillingSettingsDto } from '../../settings/dto/billing-settings.dto';

/** Changes a customer (PatchCustomer); only the properties present change */
export class PatchCustomerDto {
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** Moves the customer with its whole subtree; "" or null makes it a root customer */
  @NullIsMeaningful()
  @IsOptional()
  @IsId()
  parentCustomerId?: string | null;

  /** "" clears it (null, as everywhere, means "not sent") */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  referenceId?: string | null;

  /** Replaces the data; {} clears it */
  @IsOptional()
  @IsStruct()
  data?: Struct | null;

  /** Replaces the customer's tags; tags of the customer's account only */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  tagIds?: string[];

  /** Replaces the schedule; `{"inherit": true}` returns to the parent's */
  @NullableNestedDto(() => ScheduleDto)
  schedule?: ScheduleDto | null;

  @IsOmittable()
  @IsBoolean()
  overrideBillingSettings?: boolean;

  /** Requires overrideBillingSettings (now or already); merged over the settings in force */
  @NestedDto(() => BillingSettingsDto)
  billingSettings?: BillingSettingsDto;

  @IsOmittable()
  @IsBoolean()
  overrideAppSettings?: boolean;

  /** Requires overrideAppSettings (now or already); merged over the settings in force */
  @NestedDto(() => AppSettingsDto)
  appSettings?: AppSettingsDto;

  /** Replaces the integration data; {} clears it */
  @IsOptional()
  @IsIntegrationData()
  integrationData?: IntegrationDataMap | null;
}

export class SetCustomerStagingModeDto {
  @IsBoolean()
  isStaging: boolean;
}
