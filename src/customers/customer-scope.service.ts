import { canSeeAccount } from '../common/auth/access-policy';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, isManager, Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { sqlIn } from '../database/sql';
import { CustomerHierarchyService } from './customer-hierarchy.service';
import { Customer } from './entities/customer.entity';

export interface SqlFilter {
  sql: string;
  params: unknown[];
}

/**
 * Decides which customers a caller may see. Anything outside the caller's scope is reported as
 * not found, so ids of other tenants' customers cannot be probed.
 */
@Injectable()
export class CustomerScopeService {
  constructor(
    private readonly db: DataSource,
    private readonly hierarchy: CustomerHierarchyService,
  ) {}

  async requireVisible(p: Principal, id: string | null | undefined, m: EntityManager = this.db.manager): Promise<Customer> {
    // Never let an undefined id reach findOneBy: TypeORM would drop the condition and return a row.
    if (typeof id !== 'string' || id === '') throw ApiError.notFound('Customer');
    const customer = await m.findOneBy(Customer, { id });
    if (!customer || !(await this.canSee(p, customer, m))) throw ApiError.notFound('Customer');
    return customer;
  }

  async canSee(p: Principal, customer: Pick<Customer, 'id' | 'accountId'>, m: EntityManager = this.db.manager): Promise<boolean> {
    if (isAdmin(p)) return true;
    if (isManager(p)) return canSeeAccount(p, customer.accountId);
    return !!p.customerId && (await this.hierarchy.isInSubtree(p.customerId, customer.id, m));
  }

  /** A WHERE fragment limiting the customers aliased `alias` to the caller's scope. */
  filter(p: Principal, alias = 'c'): SqlFilter {
    if (isAdmin(p)) return { sql: '1 = 1', params: [] };
    if (isManager(p)) {
      return p.accountIds.length
        ? { sql: `${alias}.account_id IN ${sqlIn(p.accountIds)}`, params: p.accountIds }
        : { sql: '1 = 0', params: [] };
    }
    if (!p.customerId) return { sql: '1 = 0', params: [] };
    return {
      sql: `${alias}.id IN (SELECT scope.descendant_id FROM customer_closure scope WHERE scope.ancestor_id = ?)`,
      params: [p.customerId],
    };
  }
}
