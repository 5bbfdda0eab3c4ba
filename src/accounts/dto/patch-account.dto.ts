import { NestedDto, NullableNestedDto } from '../../common/validation/dto-decorators';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/optional.decorators';
import { ScheduleDto } from '../../schedules/dto/schedule.dto';
import { AppSettingsDto } from '../../settings/dto/app-settings.dto';
import { BillingSettingsDto } from '../../settings/dto/billing-settings.dto';
import { ListRequestDto } from '../../common/paging/list-request.dto';

/** Changes an account (PatchAccount); only the properties present change */
export class PatchAccountDto {
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** Merged over the account's billing defaults */
  @NestedDto(() => BillingSettingsDto)
  billingSettings?: BillingSettingsDto;

  /** Merged over the account's app settings defaults */
  @NestedDto(() => AppSettingsDto)
  appSettings?: AppSettingsDto;

  /** The schedule customers inherit at the top of their chain; null removes it */
  @NullableNestedDto(() => ScheduleDto)
  schedule?: ScheduleDto | null;
}

/** Lists accounts (ListAccounts) */
export class ListAccountsDto extends ListRequestDto {}
