import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Customer } from '../customers/entities/customer.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { Account } from './entities/account.entity';

/**
 * The account aggregate's SQL (its settings and schedule have their own services). Everything
 * runs in the ambient transaction when there is one (TransactionRunner.manager).
 */
@Injectable()
export class AccountRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findById(id: string): Promise<Account | null> {
    // Never an empty id: TypeORM would drop the condition and return the first row.
    return id ? this.tx.manager.findOneBy(Account, { id }) : Promise.resolve(null);
  }

  /** These accounts (or all, `null`), by name. */
  list(ids: string[] | null): Promise<Account[]> {
    return this.tx.manager.find(Account, { where: ids ? { id: In(ids) } : {}, order: { name: 'ASC', id: 'ASC' } });
  }

  async insert(account: Account): Promise<void> {
    await this.tx.manager.insert(Account, account);
  }

  async update(id: string, changes: Partial<Account>): Promise<void> {
    await this.tx.manager.update(Account, { id }, changes);
  }

  customerCount(id: string): Promise<number> {
    return this.tx.manager.count(Customer, { where: { accountId: id } });
  }

  /** Its tags, settings and user links go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<void> {
    await this.tx.manager.delete(Account, { id });
  }
}
