import { requireVisibleAccounts } from '../common/auth/access-policy';
import { requireVisibleTags } from '../tags/visible-tags';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { listResponse, ListResponse, pageWindow } from '../common/paging/list-request.dto';
import { appConfig, AppConfig } from '../config/app.config';
import { isSqlite, sqlIn } from '../database/sql';
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

// '!' rather than backslash: MySQL would read '\' in the ESCAPE literal as a string escape.
const STREAM_PAGE = 500;

const escapeLike = (text: string): string => text.replace(/[!%_]/g, (c) => `!${c}`);

interface Where {
  clauses: string[];
  params: unknown[];
}

/**
 * ListCustomers in SQL: scope and every filter in one WHERE, one COUNT (unless simplifiedPaging),
 * one page query, then the fixed-cost CustomerInfo loader.
 */
@Injectable()
export class CustomerListService {
  constructor(
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
    private readonly db: DataSource,
    private readonly scope: CustomerScopeService,
    private readonly infos: CustomerInfoLoader,
  ) {}

  async list(p: Principal, req: ListCustomersDto): Promise<ListResponse<CustomerInfo>> {
    const where = await this.where(p, req);
    const sql = `FROM customers c WHERE ${where.clauses.join(' AND ')}`;
    // A Map, not an object: `sortField=constructor` must not find Object.prototype's.
    const sortColumn = req.sortField ? SORT_COLUMNS.get(req.sortField) : 'c.name';
    if (!sortColumn) {
      throw ApiError.field('sortField', 'Enum', `'Sort Field' must be one of: ${[...SORT_COLUMNS.keys()].join(', ')}.`);
    }
    const dir = req.sortOrder === 'Descend' ? 'DESC' : 'ASC';
    const window = pageWindow(req, this.cfg.listHardLimit);
    return this.snapshot(async (m) => {
      const ids: { id: string }[] = await m.query(`SELECT c.id ${sql} ORDER BY ${sortColumn} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`, [
        ...where.params,
        window.limit + 1,
        window.offset,
      ]);
      const more = ids.length > window.limit;
      const pageIds = ids.slice(0, window.limit).map((r) => r.id);
      const [total, customers] = await Promise.all([
        req.simplifiedPaging ? Promise.resolve(null) : this.count(m, sql, where.params),
        pageIds.length ? m.createQueryBuilder(Customer, 'c').whereInIds(pageIds).getMany() : Promise.resolve([]),
      ]);
      const byId = new Map(customers.map((c) => [c.id, c]));
      // A row gone between two reads (where there is no snapshot) is left out, never a crash.
      const found = pageIds.map((id) => byId.get(id)).filter((c): c is Customer => c !== undefined);
      return listResponse(await this.infos.load(found, m), total, more, req);
    });
  }

  /**
   * A page, its count and its details read from one snapshot: on MySQL/MariaDB a REPEATABLE READ
   * transaction (InnoDB's consistent read); SQLite's single connection has none to offer.
   */
  private snapshot<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (isSqlite(this.db.options.type)) return work(this.db.manager);
    return this.db.transaction('REPEATABLE READ', work);
  }

  /**
   * All matching customers (up to the hard limit) for a streamed export, fetched 500 at a time.
   * The first page is loaded before returning, so bad filters still fail as a normal error.
   */
  async stream(p: Principal, req: ListCustomersDto): Promise<AsyncIterable<CustomerInfo>> {
    const pageOf = (page: number) =>
      this.list(p, Object.assign(new ListCustomersDto(), req, { all: false, page, countPerPage: STREAM_PAGE, simplifiedPaging: true }));
    const first = await pageOf(0);
    const limit = this.cfg.listHardLimit;
    return (async function* () {
      let current = first;
      let sent = 0;
      for (let page = 0; ;) {
        for (const item of current.items) {
          if (sent++ >= limit) return;
          yield item;
        }
        if (!current.hasMorePages) return;
        current = await pageOf(++page);
      }
    })();
  }

  private async count(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
    const rows: { n: number | string }[] = await m.query(`SELECT COUNT(*) AS n ${sql}`, params);
    return Number(rows[0].n);
  }

  /** Every id named in a filter must be in the caller's scope: an unseen one is a 404. */
  private async where(p: Principal, req: ListCustomersDto): Promise<Where> {
    const scope = this.scope.filter(p);
    const w: Where = { clauses: [scope.sql], params: [...scope.params] };
    const add = (clause: string, params: unknown[]) => {
      w.clauses.push(clause);
      w.params.push(...params);
    };
    if (req.accountIds?.length) {
      requireVisibleAccounts(p, req.accountIds);
      add(`c.account_id IN ${sqlIn(req.accountIds)}`, req.accountIds);
    }
    if (req.nameFilter) add(`LOWER(c.name) LIKE ? ESCAPE '!'`, [`%${escapeLike(req.nameFilter.toLowerCase())}%`]);
    if (req.referenceId !== undefined) add('c.reference_id = ?', [req.referenceId]);
    if (req.specificIds?.length) add(`c.id IN ${sqlIn(req.specificIds)}`, req.specificIds);
    if (req.parentCustomerIds?.length) {
      const parents = [...new Set(req.parentCustomerIds)];
      for (const id of parents) await this.scope.requireVisible(p, id);
      if (req.shallowParent) add(`c.parent_customer_id IN ${sqlIn(parents)}`, parents);
      else
        add(`c.id IN (SELECT f.descendant_id FROM customer_closure f WHERE f.ancestor_id IN ${sqlIn(parents)} AND f.depth > 0)`, parents);
    }
    if (req.tagIds?.length) {
      const tags = [...new Set(req.tagIds)];
      await requireVisibleTags(this.db.manager, p, tags);
      add(
        `c.id IN (SELECT t.customer_id FROM customer_tags t WHERE t.tag_id IN ${sqlIn(tags)} GROUP BY t.customer_id HAVING COUNT(*) = ?)`,
        [...tags, tags.length],
      );
    }
    return w;
  }
}
