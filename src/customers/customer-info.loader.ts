import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sqlIn } from '../database/sql';
import { SchedulesService } from '../schedules/schedules.service';
import { SettingsService } from '../settings/settings.service';
import { CustomerTagsService } from '../tags/customer-tags.service';
import { CustomerHierarchyService } from './customer-hierarchy.service';
import { toCustomerInfo } from './customer-info.mapper';
import { CustomerInfo } from './dto/customer-info.dto';
import { Customer } from './entities/customer.entity';

/**
 * Builds full CustomerInfo responses for any number of customers with a fixed number of queries
 * (account names, breadcrumbs, tags, schedules, two per settings kind), whatever the page size.
 */
@Injectable()
export class CustomerInfoLoader {
  constructor(
    private readonly db: DataSource,
    private readonly hierarchy: CustomerHierarchyService,
    private readonly tags: CustomerTagsService,
    private readonly schedules: SchedulesService,
    private readonly settings: SettingsService,
  ) {}

  async load(customers: Customer[], m: EntityManager = this.db.manager): Promise<CustomerInfo[]> {
    if (!customers.length) return [];
    const ids = customers.map((c) => c.id);
    const accountIds = [...new Set(customers.map((c) => c.accountId))];
    const targets = customers.map((c) => ({ id: c.id, accountId: c.accountId }));
    const [accountRows, breadcrumbs, tags, schedules, billing, app] = await Promise.all([
      m.query<{ id: string; name: string }[]>(`SELECT id, name FROM accounts WHERE id IN ${sqlIn(accountIds)}`, accountIds),
      this.hierarchy.breadcrumbs(ids, m),
      this.tags.forCustomers(ids, m),
      this.schedules.forCustomers(ids, m),
      this.settings.effectiveBilling(targets, m),
      this.settings.effectiveApp(targets, m),
    ]);
    const accountNames = new Map(accountRows.map((a) => [a.id, a.name]));
    return customers.map((c) =>
      toCustomerInfo(c, {
        accountName: accountNames.get(c.accountId) ?? '',
        breadcrumb: breadcrumbs.get(c.id)!,
        tags: tags.get(c.id)!,
        schedule: schedules.get(c.id)!,
        billingSettings: billing.get(c.id)!,
        appSettings: app.get(c.id)!,
      }),
    );
  }
}
