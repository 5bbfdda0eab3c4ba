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
import { CacheInvalidation } from '../common/cache/cache-invalidation.service';
import { Principal } from '../common/auth/principal';
import { CustomerScopeService } from './customer-scope.service';
import { ApiError } from '../common/errors/api-error';

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
    private readonly scope: CustomerScopeService,
    private readonly invalidation: CacheInvalidation,
  ) {}

  /**
   * One customer's details if the caller may see them (else 404, as if it did not exist): from the cache while it is on (every
   * instance forgets it after any change to existing customers, see CustomerChangesInterceptor),
   * else (or when asked `fresh`) the row and its details in one round trip.
   */
  async requireVisible(p: Principal, id: string, fresh = false): Promise<CustomerInfo> {
    const info = (!fresh && this.invalidation.customerInfos.get(id)) || (await this.read(id));
    if (!info || !this.scope.canSee(p, info)) throw ApiError.notFound('Customer');
    return info;
  }

  private async read(id: string): Promise<CustomerInfo | undefined> {
    const cache = this.invalidation.customerInfos;
    const generation = cache.generation;
    const batch = new QueryBatch();
    const row = this.customers.byId(batch, id);
    const build = this.queueDetails([id], batch);
    const [, customer, info] = await Promise.all([batch.run(this.tx.manager), row, build]);
    if (!customer) return undefined;
    // Shared by every request that reads it from the cache: frozen, so none can change it for the others.
    const built = deepFreeze(info(customer));
    cache.store(id, built, generation);
    return built;
  }

  async load(customers: Customer[], m: Connection = this.tx.manager): Promise<CustomerInfo[]> {
    const batch = new QueryBatch();
    const infos = this.queue(customers, batch);
    // Awaited together: a failed batch fails the load once, and leaves no rejection unheard.
    const [, loaded] = await Promise.all([batch.run(m), infos]);
    return loaded;
  }

  /** Where the cache of customers stands: read before the rows a `queueCached` is given. */
  get generation(): number {
    return this.invalidation.customerInfos.generation;
  }

  /**
   * Like `queue`, but the details this instance has cached come from the cache, and those read are
   * cached, unless a change arrived since `readAtGeneration` (taken before `customers` were read):
   * a page of known customers reads only its rows.
   */
  async queueCached(customers: Customer[], batch: QueryBatch, readAtGeneration: number): Promise<CustomerInfo[]> {
    const cache = this.invalidation.customerInfos;
    const known = new Map(customers.map((c) => [c.id, cache.get(c.id)]));
    const read = await this.queue(
      customers.filter((c) => !known.get(c.id)),
      batch,
    );
    for (const info of read) {
      known.set(info.id, deepFreeze(info));
      cache.store(info.id, info, readAtGeneration);
    }
    return customers.map((c) => known.get(c.id)!);
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

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
