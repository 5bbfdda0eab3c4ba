import type { ScheduleDto } from '../schedules/dto/schedule.dto';
import { INHERITING_SCHEDULE, type Schedule } from '../schedules/schedule.types';
import type { AppSettings, BillingSettings } from '../settings/settings.types';
import type { TagInfo } from '../tags/dto/tag-info.dto';
import type { BreadcrumbEntry } from './customer-hierarchy.repository';
import type { CustomerInfo } from './dto/customer-info.dto';
import type { Customer } from './entities/customer.entity';

export interface CustomerInfoParts {
  accountName: string;
  breadcrumb: BreadcrumbEntry[];
  tags: TagInfo[];
  schedule: Schedule;
  billingSettings: BillingSettings;
  appSettings: AppSettings;
}

/** Property order follows the platform's own sample response. */
export function toCustomerInfo(c: Customer, parts: CustomerInfoParts): CustomerInfo {
  return {
    accountId: c.accountId,
    parentCustomerId: c.parentCustomerId,
    breadcrumb: parts.breadcrumb,
    accountName: parts.accountName,
    isStaging: Boolean(c.isStaging),
    name: c.name,
    referenceId: c.referenceId,
    data: c.data ?? {},
    tags: parts.tags,
    schedule: parts.schedule as ScheduleDto,
    integrationData: c.integrationData ?? {},
    overrideBillingSettings: Boolean(c.overrideBillingSettings),
    billingSettings: parts.billingSettings,
    overrideAppSettings: Boolean(c.overrideAppSettings),
    appSettings: parts.appSettings,
    id: c.id,
    dateCreated: c.dateCreated.toISOString(),
    dateLastModified: c.dateLastModified.toISOString(),
    createdBy: c.createdBy,
    lastModifiedBy: c.lastModifiedBy,
  };
}

/**
 * A new customer's details, from its parent's: it has nothing of its own yet but its row, so it
 * inherits every setting its parent has in force, and its breadcrumb is its parent's and itself.
 */
export function newChildInfo(c: Customer, parent: CustomerInfo): CustomerInfo {
  return toCustomerInfo(c, {
    accountName: parent.accountName,
    breadcrumb: [...parent.breadcrumb, { id: c.id, name: c.name }],
    tags: [],
    schedule: INHERITING_SCHEDULE(),
    billingSettings: parent.billingSettings as BillingSettings,
    appSettings: parent.appSettings as AppSettings,
  });
}
