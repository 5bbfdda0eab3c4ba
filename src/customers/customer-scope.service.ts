import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { isAdmin, isManager, Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { hydrate, Queryable } from '../database/query-batch';
import { sqlIn } from '../database/sql';
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
    private readonly tx: TransactionRunner,
  ) {}

  async requireVisible(p: Principal, id: string | null | undefined): Promise<Customer> {
    const m = this.tx.manager;
    // Never let an undefined id reach findOneBy: TypeORM would drop the condition and return a row.
    if (typeof id !== 'string' || id === '') throw ApiError.notFound('Customer');
    const customer = await this.visible(m, p, id);
    if (!customer) throw ApiError.notFound('Customer');
    return customer;
  }

  /** The customer if the caller may see it: the row and the scope check in one read (which a QueryBatch may carry). */
  async visible(q: Queryable, p: Principal, id: string): Promise<Customer | undefined> {
    const scope = this.filter(p);
    const rows = await q.query<Record<string, unknown>[]>(`SELECT c.* FROM customers c WHERE c.id = ? AND ${scope.sql}`, [
      id,
      ...scope.params,
    ]);
    return hydrate(this.db, Customer, rows)[0];
  }

  /**
   * The same rule as `filter`, for customer details already read (a cached GetCustomer): an
   * administrator sees all, a manager their accounts', a customer user their customer's subtree
   * (whose breadcrumb holds their customer).
   */
  canSee(p: Principal, c: { accountId: string; breadcrumb: readonly { id: string }[] }): boolean {
    if (isAdmin(p)) return true;
    if (isManager(p)) return p.accountIds.includes(c.accountId);
    return !!p.customerId && c.breadcrumb.some((b) => b.id === p.customerId);
  }

  /** The customer whose subtree is the caller's whole scope (a Customer user's), if there is one. */
  subtreeRoot(p: Principal): string | null {
    return !isAdmin(p) && !isManager(p) ? p.customerId : null;
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
    // One primary-key probe per row, never the whole subtree (which an IN (subquery) may materialize).
    return {
      sql: `EXISTS (SELECT 1 FROM customer_closure scope WHERE scope.ancestor_id = ? AND scope.descendant_id = ${alias}.id)`,
      params: [p.customerId],
    };
  }
}
