import { requireVisibleAccounts } from '../common/auth/access-policy';
import { requireVisibleTags } from '../tags/visible-tags';
import { TagRepository } from '../tags/tag.repository';
import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { listResponse, ListResponse, pageWindow } from '../common/paging/list-request.dto';
import { appConfig, AppConfig } from '../config/app.config';
import { hydrate, inReadSnapshot, Queryable, QueryBatch } from '../database/query-batch';
import { sqlIn } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { CustomerHierarchyRepository } from './customer-hierarchy.repository';
import { CustomerInfoLoader } from './customer-info.loader';
import { CustomerScopeService } from './customer-scope.service';
import { CustomerInfo } from './dto/customer-info.dto';
import { ListCustomersDto } from './dto/list-customers.dto';
import { Customer } from './entities/customer.entity';

/** Response properties a list can be sorted by, and their columns. */
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

/** Sort columns that may hold NULL: a keyset cursor compares them as ''. */
const NULLABLE_SORT = new Set(['c.reference_id', 'c.parent_customer_id']);

/**
 * The ORDER BY of a list: the sort column, then the id. Walking a subtree, the name sort reads
 * the closure's copy of the name, so the index hands rows over in order and a page stops early.
 */
function sortOf(req: ListCustomersDto, w: Where): { column: string; id: string; dir: 'ASC' | 'DESC' } {
  // A Map, not an object: `sortField=constructor` must not find Object.prototype's.
  const column = req.sortField ? SORT_COLUMNS.get(req.sortField) : 'c.name';
  if (!column) throw ApiError.field('sortField', 'Enum', `'Sort Field' must be one of: ${[...SORT_COLUMNS.keys()].join(', ')}.`);
  const dir = req.sortOrder === 'Descend' ? 'DESC' : 'ASC';
  if (w.subtree && column === 'c.name') return { column: 'f.descendant_name', id: 'f.descendant_id', dir };
  return { column, id: 'c.id', dir };
}

// '!' rather than backslash: MySQL would read '\' in the ESCAPE literal as a string escape.
const STREAM_PAGE = 500;

const SUBTREE_FROM = 'customer_closure f JOIN customers c ON c.id = f.descendant_id';

const escapeLike = (text: string): string => text.replace(/[!%_]/g, (c) => `!${c}`);

interface Where {
  /** `customers c`, or a subtree's closure rows `f` joined to them. */
  from: string;
  clauses: string[];
  params: unknown[];
  /** Reads that refuse the request (404) when a filter names something out of scope. */
  checks: ((q: Queryable) => Promise<void>)[];
  /** Set when the rows are one subtree, walked from its closure rows. */
  subtree?: { rootId: string; includeSelf: boolean };
  /** A filter beyond the subtree and the scope narrows the rows: the subtree's size is not their count. */
  narrowed: boolean;
}

/**
 * ListCustomers in SQL: scope and every filter in one WHERE, one COUNT (unless simplifiedPaging),
 * one page query, then the fixed-cost CustomerInfo loader.
 */
@Injectable()
export class CustomerListService {
  constructor(
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly scope: CustomerScopeService,
    private readonly infos: CustomerInfoLoader,
    private readonly hierarchy: CustomerHierarchyRepository,
    private readonly tags: TagRepository,
  ) {}

  /**
   * A page, its count and its details from one snapshot in two round trips on MySQL/MariaDB: the
   * filters' checks, the page and the count together, then the page's details (query-batch.ts).
   */
  async list(p: Principal, req: ListCustomersDto): Promise<ListResponse<CustomerInfo>> {
    const where = this.where(p, req);
    const sql = `FROM ${where.from} WHERE ${where.clauses.join(' AND ')}`;
    const sort = sortOf(req, where);
    const window = pageWindow(req, this.cfg.listHardLimit);
    // The ambient manager's data source: a read replica's when the operation was routed to one.
    const db = this.tx.manager.connection;
    return inReadSnapshot(db, async (send) => {
      const first = new QueryBatch();
      const checked = Promise.all(where.checks.map((check) => check(first)));
      const rows = first.query<Record<string, unknown>[]>(
        `SELECT c.* ${sql} ORDER BY ${sort.column} ${sort.dir}, ${sort.id} ${sort.dir} LIMIT ? OFFSET ?`,
        [...where.params, window.limit + 1, window.offset],
      );
      const counted = req.simplifiedPaging ? Promise.resolve(null) : this.count(first, where, sql);
      // Awaited together: a failed batch fails the request once, and leaves no rejection unheard.
      const [, , pageRows, total] = await Promise.all([send(first), checked, rows, counted]);
      const found = hydrate(db, Customer, pageRows);
      const more = found.length > window.limit;
      const second = new QueryBatch();
      const infos = this.infos.queue(found.slice(0, window.limit), second);
      const [, items] = await Promise.all([send(second, true), infos]);
      return listResponse(items, total, more, req);
    });
  }

  /**
   * Every matching customer (up to the hard limit) for `all=true`, streamed in pages of 500 by
   * keyset (after the last row sent, never OFFSET), so memory stays flat and a row inserted or
   * deleted meanwhile cannot shift another into a duplicate or a gap. The count and the first
   * page are read before returning, so bad filters still fail as a normal error.
   */
  async stream(p: Principal, req: ListCustomersDto): Promise<{ total: number | null; more: boolean; items: AsyncIterable<CustomerInfo> }> {
    const where = this.where(p, req);
    // The pool of the database this operation reads (a replica's, maybe), not the connection it was
    // lent: later pages are read while the response streams, after this call has given that back.
    const m = this.tx.manager.connection.manager;
    const checks = new QueryBatch();
    const checked = Promise.all(where.checks.map((check) => check(checks)));
    await Promise.all([checks.run(m), checked]);
    const { column, id, dir } = sortOf(req, where);
    const key = NULLABLE_SORT.has(column) ? `COALESCE(${column}, '')` : column;
    const after = dir === 'ASC' ? '>' : '<';
    const limit = this.cfg.listHardLimit;
    const sql = `FROM ${where.from} WHERE ${where.clauses.join(' AND ')}`;
    const total = req.simplifiedPaging ? null : await this.count(m, where, sql);
    const pageAfter = async (cursor: { k: unknown; id: string } | null) => {
      const rows: { id: string; k: unknown }[] = await m.query(
        `SELECT c.id, ${key} AS k ${sql}${cursor ? ` AND (${key} ${after} ? OR (${key} = ? AND ${id} ${after} ?))` : ''}
          ORDER BY ${key} ${dir}, ${id} ${dir} LIMIT ${STREAM_PAGE}`,
        [...where.params, ...(cursor ? [cursor.k, cursor.k, cursor.id] : [])],
      );
      const customers = rows.length
        ? await m
            .createQueryBuilder(Customer, 'c')
            .whereInIds(rows.map((r) => r.id))
            .getMany()
        : [];
      const byId = new Map(customers.map((c) => [c.id, c]));
      const found = rows.map((r) => byId.get(r.id)).filter((c): c is Customer => c !== undefined);
      return { rows, items: await this.infos.load(found, m) };
    };
    const first = await pageAfter(null);
    return {
      total,
      more: total !== null && total > limit,
      items: (async function* () {
        let page = first;
        let sent = 0;
        for (;;) {
          for (const item of page.items) {
            if (sent++ >= limit) return;
            yield item;
          }
          if (page.rows.length < STREAM_PAGE) return;
          const last = page.rows[page.rows.length - 1];
          page = await pageAfter({ k: last.k, id: last.id });
        }
      })(),
    };
  }

  /** A whole subtree is counted by its kept size (a few rows), anything narrower row by row. */
  private async count(m: Queryable, w: Where, sql: string): Promise<number> {
    if (w.subtree && !w.narrowed) {
      const size = await this.hierarchy.subtreeSize(m, w.subtree.rootId);
      return w.subtree.includeSelf ? size : Math.max(0, size - 1);
    }
    const rows: { n: number | string }[] = await m.query(`SELECT COUNT(*) AS n ${sql}`, w.params);
    return Number(rows[0].n);
  }

  /**
   * The filters as one WHERE, and the checks that every id they name is in the caller's scope (an
   * unseen one is a 404), as reads to send with the page rather than before it.
   */
  private where(p: Principal, req: ListCustomersDto): Where {
    const scope = this.scope.filter(p);
    const w: Where = { from: 'customers c', clauses: [], params: [], checks: [], narrowed: false };
    const add = (clause: string, params: unknown[], narrows = true) => {
      w.clauses.push(clause);
      w.params.push(...params);
      if (narrows) w.narrowed = true;
    };
    const parents = req.parentCustomerIds?.length ? [...new Set(req.parentCustomerIds)] : [];
    const ownRoot = this.scope.subtreeRoot(p);
    if (parents.length === 1 && !req.shallowParent) {
      // The check below proves the parent visible, and so everything under it: no scope clause.
      w.subtree = { rootId: parents[0], includeSelf: false };
      w.from = SUBTREE_FROM;
      add('f.ancestor_id = ? AND f.depth > 0', parents, false);
    } else if (ownRoot) {
      w.subtree = { rootId: ownRoot, includeSelf: true };
      w.from = SUBTREE_FROM;
      add('f.ancestor_id = ?', [ownRoot], false);
    } else {
      add(scope.sql, scope.params, false);
    }
    if (req.accountIds?.length) {
      requireVisibleAccounts(p, req.accountIds);
      add(`c.account_id IN ${sqlIn(req.accountIds)}`, req.accountIds);
    }
    if (req.nameFilter) add(`LOWER(c.name) LIKE ? ESCAPE '!'`, [`%${escapeLike(req.nameFilter.toLowerCase())}%`]);
    if (req.referenceId !== undefined) add('c.reference_id = ?', [req.referenceId]);
    if (req.specificIds?.length) add(`c.id IN ${sqlIn(req.specificIds)}`, req.specificIds);
    if (parents.length) {
      w.checks.push(async (q) => {
        const [{ n }] = await q.query<{ n: number | string }[]>(
          `SELECT COUNT(*) AS n FROM customers c WHERE c.id IN ${sqlIn(parents)} AND ${scope.sql}`,
          [...parents, ...scope.params],
        );
        if (Number(n) !== parents.length) throw ApiError.notFound('Customer');
      });
      if (req.shallowParent) add(`c.parent_customer_id IN ${sqlIn(parents)}`, parents);
      else if (parents.length > 1)
        add(
          `c.id IN (SELECT pf.descendant_id FROM customer_closure pf WHERE pf.ancestor_id IN ${sqlIn(parents)} AND pf.depth > 0)`,
          parents,
        );
    }
    if (req.tagIds?.length) {
      const tags = [...new Set(req.tagIds)];
      w.checks.push((q) => requireVisibleTags(this.tags.refs(q, tags), p, tags).then(() => undefined));
      add(
        `c.id IN (SELECT t.customer_id FROM customer_tags t WHERE t.tag_id IN ${sqlIn(tags)} GROUP BY t.customer_id HAVING COUNT(*) = ?)`,
        [...tags, tags.length],
      );
    }
    return w;
  }
}
