import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { hydrate, Queryable } from '../database/query-batch';
import { sqlIn } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { CustomerHierarchyRepository } from './customer-hierarchy.repository';
import type { CustomerScope } from './customer-scope.service';
import { scopeCondition } from './customer.repository';
import { Customer } from './entities/customer.entity';

/** Response properties a list can be sorted by, and their columns (a Map, not an object: `sortField=constructor` must not find Object.prototype's). */
const SORT_COLUMNS = new Map<string, string>(
  Object.entries({
    name: 'c.name',
    referenceId: 'c.reference_id',
    dateCreated: 'c.date_created',
    dateLastModified: 'c.date_last_modified',
    id: 'c.id',
    accountId: 'c.account_id',
    parentCustomerId: 'c.parent_customer_id',
    isStaging: 'c.is_staging',
  }),
);
export const SORT_FIELDS: readonly string[] = [...SORT_COLUMNS.keys()];

/** Sort columns that may hold NULL: a keyset cursor compares them as ''. */
const NULLABLE_SORT = new Set(['c.reference_id', 'c.parent_customer_id']);

const SUBTREE_FROM = 'customer_closure f JOIN customers c ON c.id = f.descendant_id';

// '!' rather than backslash: MySQL would read '\' in the ESCAPE literal as a string escape.
const escapeLike = (text: string): string => text.replace(/[!%_]/g, (c) => `!${c}`);

/** What a list asks for once its rules are checked (every id in it visible): SQL is this file's alone. */
export interface CustomerListFilter {
  scope: CustomerScope;
  /** Distinct; a single one (not shallow) is walked as a subtree. */
  parents: string[];
  shallowParent: boolean;
  accountIds?: string[];
  nameFilter?: string;
  referenceId?: string;
  specificIds?: string[];
  /** Distinct; a customer must carry all of them. */
  tagIds?: string[];
  /** One of SORT_FIELDS; the name by default. */
  sortField?: string;
  descending: boolean;
}

/** A list's rows in SQL: `FROM … WHERE …`, its parameters and its order. */
export interface CustomerListQuery {
  sql: string;
  params: unknown[];
  /** Set when the rows are one subtree, walked from its closure rows. */
  subtree?: { rootId: string; includeSelf: boolean };
  /** A filter beyond the subtree and the scope narrows the rows: the subtree's size is not their count. */
  narrowed: boolean;
  sort: { column: string; id: string; dir: 'ASC' | 'DESC' };
}

/** ListCustomers' SQL: scope and every filter in one WHERE, a page by OFFSET or by keyset, a count. */
@Injectable()
export class CustomerListRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly hierarchy: CustomerHierarchyRepository,
  ) {}

  query(f: CustomerListFilter): CustomerListQuery {
    const clauses: string[] = [];
    const params: unknown[] = [];
    let narrowed = false;
    const add = (clause: string, values: unknown[], narrows = true) => {
      clauses.push(clause);
      params.push(...values);
      if (narrows) narrowed = true;
    };
    let subtree: CustomerListQuery['subtree'];
    if (f.parents.length === 1 && !f.shallowParent) {
      // The parent is checked visible, and so is everything under it: no scope clause.
      subtree = { rootId: f.parents[0], includeSelf: false };
      add('f.ancestor_id = ? AND f.depth > 0', f.parents, false);
    } else if (f.scope.kind === 'subtree') {
      subtree = { rootId: f.scope.rootId, includeSelf: true };
      add('f.ancestor_id = ?', [f.scope.rootId], false);
    } else {
      const scope = scopeCondition(f.scope);
      add(scope.sql, scope.params, false);
    }
    if (f.accountIds?.length) add(`c.account_id IN ${sqlIn(f.accountIds)}`, f.accountIds);
    if (f.nameFilter) add(`LOWER(c.name) LIKE ? ESCAPE '!'`, [`%${escapeLike(f.nameFilter.toLowerCase())}%`]);
    if (f.referenceId !== undefined) add('c.reference_id = ?', [f.referenceId]);
    if (f.specificIds?.length) add(`c.id IN ${sqlIn(f.specificIds)}`, f.specificIds);
    if (f.parents.length && f.shallowParent) add(`c.parent_customer_id IN ${sqlIn(f.parents)}`, f.parents);
    else if (f.parents.length > 1) {
      add(
        `c.id IN (SELECT pf.descendant_id FROM customer_closure pf WHERE pf.ancestor_id IN ${sqlIn(f.parents)} AND pf.depth > 0)`,
        f.parents,
      );
    }
    if (f.tagIds?.length) {
      add(
        `c.id IN (SELECT t.customer_id FROM customer_tags t WHERE t.tag_id IN ${sqlIn(f.tagIds)} GROUP BY t.customer_id HAVING COUNT(*) = ?)`,
        [...f.tagIds, f.tagIds.length],
      );
    }
    const from = subtree ? SUBTREE_FROM : 'customers c';
    return { sql: `FROM ${from} WHERE ${clauses.join(' AND ')}`, params, subtree, narrowed, sort: sortOf(f, !!subtree) };
  }

  /** One page by OFFSET (limit + 1 rows ask whether there are more); a QueryBatch may carry it. */
  async page(q: Queryable, l: CustomerListQuery, limit: number, offset: number): Promise<Customer[]> {
    const { column, id, dir } = l.sort;
    const rows = await q.query<Record<string, unknown>[]>(`SELECT c.* ${l.sql} ORDER BY ${column} ${dir}, ${id} ${dir} LIMIT ? OFFSET ?`, [
      ...l.params,
      limit + 1,
      offset,
    ]);
    // The ambient manager's data source: a read replica's when the operation was routed to one.
    return hydrate(this.tx.manager.connection, Customer, rows);
  }

  /** Up to `size` rows after `cursor` (never OFFSET: rows inserted or deleted meanwhile shift nothing), with their keys. */
  async pageAfter(
    m: EntityManager,
    l: CustomerListQuery,
    cursor: { k: unknown; id: string } | null,
    size: number,
  ): Promise<{ keys: { id: string; k: unknown }[]; customers: Customer[] }> {
    const { column, id, dir } = l.sort;
    const key = NULLABLE_SORT.has(column) ? `COALESCE(${column}, '')` : column;
    const after = dir === 'ASC' ? '>' : '<';
    const keys: { id: string; k: unknown }[] = await m.query(
      `SELECT c.id, ${key} AS k ${l.sql}${cursor ? ` AND (${key} ${after} ? OR (${key} = ? AND ${id} ${after} ?))` : ''}
        ORDER BY ${key} ${dir}, ${id} ${dir} LIMIT ${size}`,
      [...l.params, ...(cursor ? [cursor.k, cursor.k, cursor.id] : [])],
    );
    const found = keys.length
      ? await m
          .createQueryBuilder(Customer, 'c')
          .whereInIds(keys.map((r) => r.id))
          .getMany()
      : [];
    const byId = new Map(found.map((c) => [c.id, c]));
    return { keys, customers: keys.map((r) => byId.get(r.id)).filter((c): c is Customer => c !== undefined) };
  }

  /** A whole subtree is counted by its kept size (a few rows), anything narrower row by row. */
  async count(q: Queryable, l: CustomerListQuery): Promise<number> {
    if (l.subtree && !l.narrowed) {
      const size = await this.hierarchy.subtreeSize(q, l.subtree.rootId);
      return l.subtree.includeSelf ? size : Math.max(0, size - 1);
    }
    const rows = await q.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n ${l.sql}`, l.params);
    return Number(rows[0].n);
  }

  /** How many of `ids` (distinct) `scope` holds; a QueryBatch may carry it. */
  async countVisible(q: Queryable, scope: CustomerScope, ids: string[]): Promise<number> {
    const where = scopeCondition(scope);
    const [{ n }] = await q.query<{ n: number | string }[]>(
      `SELECT COUNT(*) AS n FROM customers c WHERE c.id IN ${sqlIn(ids)} AND ${where.sql}`,
      [...ids, ...where.params],
    );
    return Number(n);
  }
}

/**
 * The ORDER BY of a list: the sort column, then the id. Walking a subtree, the name sort reads
 * the closure's copy of the name, so the index hands rows over in order and a page stops early.
 */
function sortOf(f: CustomerListFilter, subtree: boolean): CustomerListQuery['sort'] {
  const column = SORT_COLUMNS.get(f.sortField ?? 'name') ?? 'c.name';
  const dir = f.descending ? 'DESC' : 'ASC';
  if (subtree && column === 'c.name') return { column: 'f.descendant_name', id: 'f.descendant_id', dir };
  return { column, id: 'c.id', dir };
}
