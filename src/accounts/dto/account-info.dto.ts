import { ServiceStackType } from '../../compat/metadata/service-stack-names';
import { EntityInfo } from '../../common/dto/entity-info.dto';
import { ScheduleDto } from '../../schedules/dto/schedule.dto';
import { AppSettingsDto } from '../../settings/dto/app-settings.dto';
import { BillingSettingsDto } from '../../settings/dto/billing-settings.dto';

@ServiceStackType({ namespace: 'Voice.Api.Accounts' })
export class AccountInfo extends EntityInfo {
  /** The name of the account */
  name: string;
  /** Billing defaults inherited by the account's customers */
  billingSettings: BillingSettingsDto;
  /** App settings defaults inherited by the account's customers */
  appSettings: AppSettingsDto;
  /** The schedule the account's customers inherit at the top of their chain */
  schedule: ScheduleDto;
}
