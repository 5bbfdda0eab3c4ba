import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { hydrate, insertOf, Queryable } from '../database/query-batch';
import { sqlIn } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { chunks } from './customer-hierarchy.repository';
import { Customer } from './entities/customer.entity';
import type { CustomerScope } from './customer-scope.service';

interface SqlFilter {
  sql: string;
  params: unknown[];
}

/** A WHERE fragment limiting the customers aliased `c` to `scope`. */
export function scopeCondition(scope: CustomerScope): SqlFilter {
  switch (scope.kind) {
    case 'all':
      return { sql: '1 = 1', params: [] };
    case 'accounts':
      return { sql: `c.account_id IN ${sqlIn(scope.accountIds)}`, params: scope.accountIds };
    case 'subtree':
      // One primary-key probe per row, never the whole subtree (which an IN (subquery) may materialize).
      return {
        sql: `EXISTS (SELECT 1 FROM customer_closure scope WHERE scope.ancestor_id = ? AND scope.descendant_id = c.id)`,
        params: [scope.rootId],
      };
    default:
      return { sql: '1 = 0', params: [] };
  }
}

/**
 * The customer rows' SQL (their paths, sizes and order are CustomerHierarchyRepository's; the list
 * query is CustomerListRepository's). Writes run in the ambient transaction, or ride a QueryBatch.
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

  /** One customer's row, whoever asks (callers check scope); one query, which a QueryBatch may carry. */
  async byId(q: Queryable, id: string): Promise<Customer | undefined> {
    const rows = await q.query<Record<string, unknown>[]>('SELECT c.* FROM customers c WHERE c.id = ?', [id]);
    return hydrate(this.db, Customer, rows)[0];
  }

  /** The customer if `scope` holds it: the row and the scope check in one read (which a QueryBatch may carry). */
  async visible(q: Queryable, scope: CustomerScope, id: string): Promise<Customer | undefined> {
    const where = scopeCondition(scope);
    const rows = await q.query<Record<string, unknown>[]>(`SELECT c.* FROM customers c WHERE c.id = ? AND ${where.sql}`, [
      id,
      ...where.params,
    ]);
    return hydrate(this.db, Customer, rows)[0];
  }

  /** Each customer's account name, by customer id; one query, which a QueryBatch may carry. */
  async accountNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
    const rows = await q.query<{ customer_id: string; name: string }[]>(
      `SELECT c.id AS customer_id, a.name FROM customers c JOIN accounts a ON a.id = c.account_id WHERE c.id IN ${sqlIn(ids)}`,
      ids,
    );
    return new Map(rows.map((a) => [a.customer_id, a.name]));
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
