import { ServiceStackType, ServiceStackProperty } from '../../compat/metadata/service-stack-names';
import { EntityInfo } from '../../common/dto/entity-info.dto';
import type { IntegrationDataMap, Struct } from '../../common/struct/struct.types';
import { ScheduleDto } from '../../schedules/dto/schedule.dto';
import { AppSettingsDto } from '../../settings/dto/app-settings.dto';
import { BillingSettingsDto } from '../../settings/dto/billing-settings.dto';
import { TagInfo } from '../../tags/dto/tag-info.dto';
import { ApiProperty } from '@nestjs/swagger';

@ServiceStackType({ namespace: 'Voice.Api.Customers' })
export class CustomerBreadcrumb {
  id: string;
  name: string;
}

/** A customer as every customer operation returns it; every property is always present. */
@ServiceStackType({ namespace: 'Voice.Api.Customers' })
export class CustomerInfo extends EntityInfo {
  /** The ID of the account associated with this customer */
  accountId: string;
  /** The parent customer ID for this customer (null for a root customer) */
  parentCustomerId: string | null;
  /** The breadcrumb to this customer: from the root customer down to and including this one */
  breadcrumb: CustomerBreadcrumb[];
  /** The name of the account associated with this customer */
  accountName: string;
  /** Is this customer staging or production? */
  isStaging: boolean;
  /** The name of the company */
  name: string;
  /** The reference ID for this company */
  referenceId: string | null;
  /** This customer's data values */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { plan: { stringValue: 'gold' } } })
  @ServiceStackProperty({ type: 'Struct' })
  data: Struct;
  /** The list of tags for this customer */
  tags: TagInfo[];
  /** This customer's own schedule (see inherited-schedule for the one in force) */
  schedule: ScheduleDto;
  /** Integration data for this customer, keyed by system */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', properties: { thirdPartyId: { type: 'string' } } } })
  @ServiceStackProperty({ type: 'EntityIntegrationData' })
  integrationData: IntegrationDataMap;
  /** Override this customer's billing settings? Otherwise inherits from parent */
  overrideBillingSettings: boolean;
  /** Billing settings in force for this customer */
  billingSettings: BillingSettingsDto;
  /** Should this customer override the parent customer's app settings */
  overrideAppSettings: boolean;
  /** App / Portal settings in force for this customer */
  appSettings: AppSettingsDto;
}
