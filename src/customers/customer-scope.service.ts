import { Injectable } from '@nestjs/common';
import { isAdmin, isManager, Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { TransactionRunner } from '../database/transaction-runner';
import { CustomerRepository } from './customer.repository';
import { Customer } from './entities/customer.entity';

/**
 * Which customers a caller may see: all of them (an administrator), their accounts' (a manager),
 * their own customer's subtree (a customer user), or none (a customer user bound to none).
 * Repositories turn it into SQL; `canSee` applies it to details already read.
 */
export type CustomerScope =
  { kind: 'all' } | { kind: 'accounts'; accountIds: string[] } | { kind: 'subtree'; rootId: string } | { kind: 'none' };

/**
 * Decides which customers a caller may see, the one policy every read and write of customers
 * goes through. Anything outside the caller's scope is reported as not found, so ids of other
 * tenants' customers cannot be probed.
 */
@Injectable()
export class CustomerScopeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly customers: CustomerRepository,
  ) {}

  of(p: Principal): CustomerScope {
    if (isAdmin(p)) return { kind: 'all' };
    if (isManager(p)) return p.accountIds.length ? { kind: 'accounts', accountIds: p.accountIds } : { kind: 'none' };
    return p.customerId ? { kind: 'subtree', rootId: p.customerId } : { kind: 'none' };
  }

  async requireVisible(p: Principal, id: string | null | undefined): Promise<Customer> {
    // Never let an undefined id reach findOneBy: TypeORM would drop the condition and return a row.
    if (typeof id !== 'string' || id === '') throw ApiError.notFound('Customer');
    const customer = await this.customers.visible(this.tx.manager, this.of(p), id);
    if (!customer) throw ApiError.notFound('Customer');
    return customer;
  }

  /** The same rule for customer details already read (a cached GetCustomer): a subtree's members have its root in their breadcrumb. */
  canSee(p: Principal, c: { accountId: string; breadcrumb: readonly { id: string }[] }): boolean {
    const scope = this.of(p);
    if (scope.kind === 'all') return true;
    if (scope.kind === 'accounts') return scope.accountIds.includes(c.accountId);
    return scope.kind === 'subtree' && c.breadcrumb.some((b) => b.id === scope.rootId);
  }
}
