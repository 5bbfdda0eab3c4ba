import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { Connection, QueryBatch } from '../database/query-batch';
import { ScheduleRepository } from '../schedules/schedule.repository';
import { SettingsRepository } from '../settings/settings.repository';
import { TagRepository } from '../tags/tag.repository';
import { CustomerHierarchyRepository } from './customer-hierarchy.repository';
import { CustomerRepository } from './customer.repository';
import { toCustomerInfo } from './customer-info.mapper';
import { CustomerInfo } from './dto/customer-info.dto';
import { Customer } from './entities/customer.entity';

/**
 * Builds full CustomerInfo responses for any number of customers with a fixed number of reads
 * (account names, breadcrumbs, tags, schedules and their rules, one per settings kind), whatever
 * the page size, sent together: one round trip on MySQL/MariaDB.
 */
@Injectable()
export class CustomerInfoLoader {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly customers: CustomerRepository,
    private readonly hierarchy: CustomerHierarchyRepository,
    private readonly tags: TagRepository,
    private readonly schedules: ScheduleRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async load(customers: Customer[], m: Connection = this.tx.manager): Promise<CustomerInfo[]> {
    const batch = new QueryBatch();
    const infos = this.queue(customers, batch);
    // Awaited together: a failed batch fails the load once, and leaves no rejection unheard.
    const [, loaded] = await Promise.all([batch.run(m), infos]);
    return loaded;
  }

  /** Puts the reads `customers` need into `batch`; resolves once the batch has run. */
  async queue(customers: Customer[], batch: QueryBatch): Promise<CustomerInfo[]> {
    if (!customers.length) return [];
    const build = await this.queueDetails(
      customers.map((c) => c.id),
      batch,
    );
    return customers.map(build);
  }

  /**
   * Puts the reads of these customers' details into `batch`, by id alone, so they can travel with
   * the read of the customers themselves; resolves, once the batch has run, to their builder.
   */
  async queueDetails(ids: string[], batch: QueryBatch): Promise<(customer: Customer) => CustomerInfo> {
    const [accountNames, breadcrumbs, tags, schedules, billing, app] = await Promise.all([
      this.customers.accountNames(batch, ids),
      this.hierarchy.breadcrumbs(ids, batch),
      this.tags.forCustomers(ids, batch),
      this.schedules.forCustomers(ids, batch),
      this.settings.effectiveBilling(ids, batch),
      this.settings.effectiveApp(ids, batch),
    ]);
    return (c) =>
      toCustomerInfo(c, {
        accountName: accountNames.get(c.id) ?? '',
        breadcrumb: breadcrumbs.get(c.id) ?? [],
        tags: tags.get(c.id) ?? [],
        schedule: schedules.get(c.id)!,
        billingSettings: billing.get(c.id)!,
        appSettings: app.get(c.id)!,
      });
  }
}
