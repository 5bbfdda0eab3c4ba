import { NestedDto } from '../../common/validation/dto-decorators';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
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
  @NestedDto(() => BillingSettingsDto)
  billingSettings?: BillingSettingsDto;

  /** App settings defaults inherited by customers that do not override them */
  @NestedDto(() => AppSettingsDto)
  appSettings?: AppSettingsDto;
}
