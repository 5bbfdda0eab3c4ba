import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsOmittable } from '../../common/validation/optional.decorators';
import { AppSettingsDto } from '../../settings/dto/app-settings.dto';
import { BillingSettingsDto } from '../../settings/dto/billing-settings.dto';

/** Creates a new account (SystemAdministrator only) */
export class NewAccountDto {
  /** The name of the account */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** Billing defaults inherited by customers that do not override them */
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => BillingSettingsDto)
  billingSettings?: BillingSettingsDto;

  /** App settings defaults inherited by customers that do not override them */
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => AppSettingsDto)
  appSettings?: AppSettingsDto;
}
