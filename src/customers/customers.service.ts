import { randomUUID } from 'node:crypto';
import { CacheInvalidation } from '../common/cache/cache-invalidation.service';
import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { isCustomerUser, Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { normalizeStruct } from '../common/struct/struct-rules';
import { TransactionRunner } from '../database/transaction-runner';
import { CustomerHierarchyRepository } from './customer-hierarchy.repository';
import { CustomerRepository } from './customer.repository';
import { CustomerInfoLoader } from './customer-info.loader';
import { newChildInfo } from './customer-info.mapper';
import { CustomerScopeService } from './customer-scope.service';
import { CustomerInfo } from './dto/customer-info.dto';
import { NewCustomerDto } from './dto/new-customer.dto';
import { Customer } from './entities/customer.entity';
import { isForeignKeyViolation, isUniqueViolation } from '../database/sql';
import { blankToNull, requiredText } from '../common/validation/blank';

@Injectable()
export class CustomersService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly tx: TransactionRunner,
    private readonly accounts: AccountsService,
    private readonly scope: CustomerScopeService,
    private readonly hierarchy: CustomerHierarchyRepository,
    private readonly infos: CustomerInfoLoader,
    private readonly principals: CacheInvalidation,
  ) {}

  async create(p: Principal, dto: NewCustomerDto): Promise<CustomerInfo> {
    const name = requiredText(dto.name);
    const parentId = blankToNull(dto.parentCustomerId);
    const { accountId, parent } = await this.resolvePlace(p, blankToNull(dto.accountId), parentId);
    const now = new Date();
    const customer: Customer = {
      id: randomUUID(),
      accountId,
      parentCustomerId: parentId,
      name,
      referenceId: blankToNull(dto.referenceId),
      isStaging: false,
      data: dto.data ? normalizeStruct(dto.data) : null,
      integrationData: null,
      overrideBillingSettings: false,
      overrideAppSettings: false,
      dateCreated: now,
      dateLastModified: now,
      createdBy: p.userId,
      lastModifiedBy: p.userId,
    };
    try {
      // One round trip for the transaction: BEGIN, the row, its paths, (for a top-level customer)
      // the answer's details, COMMIT. Only the parent must stay put (the INSERT's foreign-key check
      // holds its row): creates in one account do not queue behind each other.
      return await this.tx.runBatch(async (batch) => {
        const written = Promise.all([this.customers.insert(batch, customer), this.hierarchy.insertNode(batch, customer, parentId)]);
        // Below a parent, the answer is the parent's details as this request found them, plus the
        // new row: as if the create ran before any change racing it, which leaves the same rows
        // (settings and breadcrumbs are inherited when read, and a move carries the new customer).
        if (parent) return written.then(() => newChildInfo(customer, parent));
        const build = this.infos.queueDetails([customer.id], batch);
        const [, info] = await Promise.all([written, build]);
        return info(customer);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicateReference(customer.referenceId);
      // The parent was deleted after it was looked up.
      if (isForeignKeyViolation(err)) throw ApiError.notFound('Customer');
      throw err;
    }
  }

  /** From the cache (unless `fresh`), or one round trip on MySQL/MariaDB: the customer and its details read together. */
  async get(p: Principal, id: string, fresh = false): Promise<CustomerInfo> {
    return this.infos.requireVisible(p, id, fresh);
  }

  /**
   * Deletes a customer, and with `cascade` its whole subtree, deepest level first. Tag links,
   * schedules, settings rows, closure rows and users bound to them go with each customer
   * (ON DELETE CASCADE).
   */
  async delete(p: Principal, id: string, cascade: boolean): Promise<void> {
    const customer = await this.scope.requireVisible(p, id);
    if (isCustomerUser(p) && customer.id === p.customerId) throw ApiError.forbidden('Customer users cannot delete their own customer.');
    await this.tx.run(async (m) => {
      await this.hierarchy.lockTree(customer.accountId);
      const subtree = await this.hierarchy.lockSubtree(customer.id);
      if (subtree.length > 1 && !cascade) {
        throw ApiError.conflict(`The customer has ${subtree.length - 1} descendant(s): delete them first, or pass cascade=true.`);
      }
      await this.hierarchy.addToSizes(m, customer.id, 'strict', -subtree.length);
      await this.customers.deleteSubtree(subtree);
    });
    // Users bound to the deleted customers went with them (ON DELETE CASCADE).
    await this.principals.changed({ kind: 'all' });
  }

  async setStaging(p: Principal, id: string, isStaging: boolean): Promise<CustomerInfo> {
    const customer = await this.scope.requireVisible(p, id);
    const changes = { isStaging, dateLastModified: new Date(), lastModifiedBy: p.userId };
    return this.tx.run(async () => {
      await this.customers.update(customer.id, changes);
      return (await this.infos.load([{ ...customer, ...changes }]))[0];
    });
  }

  /**
   * Where a new customer goes: below its parent, in the parent's account (a parent outside the
   * caller's scope is 404, one in another account than the one named is 400), else at the top of
   * the account named, else of the caller's only one.
   */
  private async resolvePlace(
    p: Principal,
    accountId: string | null,
    parentId: string | null,
  ): Promise<{ accountId: string; parent?: CustomerInfo }> {
    if (parentId) {
      const parent = await this.infos.requireVisible(p, parentId);
      if (accountId && accountId !== parent.accountId) {
        throw ApiError.field('parentCustomerId', 'InvalidParent', "'Parent Customer Id' must be a customer of the same account.");
      }
      return { accountId: parent.accountId, parent };
    }
    if (isCustomerUser(p)) throw ApiError.forbidden('Customer users can only create customers below their own customer.');
    if (!accountId) {
      if (p.accountIds.length !== 1) {
        throw ApiError.field(
          'accountId',
          'NotEmpty',
          "'Account Id' must not be empty when the caller does not belong to exactly one account.",
        );
      }
      accountId = p.accountIds[0];
    }
    return { accountId: (await this.accounts.requireVisible(p, accountId)).id };
  }
}

export function duplicateReference(referenceId: string | null): ApiError {
  return ApiError.conflict(`A customer with referenceId '${referenceId}' already exists in this account.`, 'referenceId');
}
