import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { insertOf, Queryable } from '../database/query-batch';
import { TransactionRunner } from '../database/transaction-runner';
import { chunks } from './customer-hierarchy.service';
import { Customer } from './entities/customer.entity';

/**
 * The customer rows' SQL (their paths, sizes and order are CustomerHierarchyService's; the list
 * query is CustomerListService's). Writes run in the ambient transaction, or ride a QueryBatch.
 */
@Injectable()
export class CustomerRepository {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /** Queued on `q` (a QueryBatch sends it with the paths and the answer's reads). */
  insert(q: Queryable, customer: Customer): Promise<unknown> {
    const { sql, params } = insertOf(this.db, Customer, customer);
    return q.query(sql, params);
  }

  async update(id: string, changes: Partial<Customer>): Promise<void> {
    await this.tx.manager.update(Customer, { id }, changes);
  }

  exists(id: string): Promise<boolean> {
    return id ? this.tx.manager.existsBy(Customer, { id }) : Promise.resolve(false);
  }

  /** Deepest first (a parent's row is referenced by its children's), 500 at a time. */
  async deleteSubtree(members: { id: string; depth: number }[]): Promise<void> {
    const depths = [...new Set(members.map((s) => s.depth))].sort((a, b) => b - a);
    for (const depth of depths) {
      const ids = members.filter((s) => s.depth === depth).map((s) => s.id);
      for (const chunk of chunks(ids, 500)) await this.tx.manager.delete(Customer, { id: In(chunk) });
    }
  }
}
