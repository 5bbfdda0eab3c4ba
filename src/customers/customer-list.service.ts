import { requireVisibleAccounts } from '../common/auth/access-policy';
import { requireVisibleTags } from '../tags/visible-tags';
import { TagRepository } from '../tags/tag.repository';
import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { listResponse, ListResponse, pageWindow } from '../common/paging/list-request.dto';
import { appConfig, AppConfig } from '../config/app.config';
import { inReadSnapshot, Queryable, QueryBatch } from '../database/query-batch';
import { TransactionRunner } from '../database/transaction-runner';
import { CustomerListQuery, CustomerListRepository, SORT_FIELDS } from './customer-list.repository';
import { CustomerInfoLoader } from './customer-info.loader';
import { CustomerScopeService } from './customer-scope.service';
import { CustomerInfo } from './dto/customer-info.dto';
import { ListCustomersDto } from './dto/list-customers.dto';

const STREAM_PAGE = 500;

/** A list's rows in SQL, and the reads that refuse it (404) when a filter names something out of scope. */
interface Planned {
  query: CustomerListQuery;
  checks: ((q: Queryable) => Promise<void>)[];
}

/**
 * ListCustomers: the caller's scope and every filter checked (ids out of scope are 404), then one
 * COUNT (unless simplifiedPaging), one page query (CustomerListRepository), and the fixed-cost
 * CustomerInfo loader.
 */
@Injectable()
export class CustomerListService {
  constructor(
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly scope: CustomerScopeService,
    private readonly infos: CustomerInfoLoader,
    private readonly rows: CustomerListRepository,
    private readonly tags: TagRepository,
  ) {}

  /**
   * A page, its count and its details from one snapshot in two round trips on MySQL/MariaDB: the
   * filters' checks, the page and the count together, then the details of the page's customers
   * this instance has not cached (query-batch.ts).
   */
  async list(p: Principal, req: ListCustomersDto): Promise<ListResponse<CustomerInfo>> {
    const { query, checks } = this.plan(p, req);
    const window = pageWindow(req, this.cfg.listHardLimit);
    // Before the snapshot opens: details read in it are cached only if nothing changed since.
    const generation = this.infos.generation;
    // The ambient manager's data source: a read replica's when the operation was routed to one.
    return inReadSnapshot(this.tx.manager.connection, async (send) => {
      const first = new QueryBatch();
      const checked = Promise.all(checks.map((check) => check(first)));
      const page = this.rows.page(first, query, window.limit, window.offset);
      const counted = req.simplifiedPaging ? Promise.resolve(null) : this.rows.count(first, query);
      // Awaited together: a failed batch fails the request once, and leaves no rejection unheard.
      const [, , found, total] = await Promise.all([send(first), checked, page, counted]);
      const more = found.length > window.limit;
      const second = new QueryBatch();
      const infos = this.infos.queueCached(found.slice(0, window.limit), second, generation);
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
    const { query, checks } = this.plan(p, req);
    // The pool of the database this operation reads (a replica's, maybe), not the connection it was
    // lent: later pages are read while the response streams, after this call has given that back.
    const m = this.tx.manager.connection.manager;
    const batch = new QueryBatch();
    const checked = Promise.all(checks.map((check) => check(batch)));
    await Promise.all([batch.run(m), checked]);
    const limit = this.cfg.listHardLimit;
    const total = req.simplifiedPaging ? null : await this.rows.count(m, query);
    const pageAfter = async (cursor: { k: unknown; id: string } | null) => {
      const { keys, customers } = await this.rows.pageAfter(m, query, cursor, STREAM_PAGE);
      return { rows: keys, items: await this.infos.load(customers, m) };
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

  /**
   * The request's rules: the sort field known, every account, parent and tag it names in the
   * caller's scope (the last two checked by reads sent with the page rather than before it).
   */
  private plan(p: Principal, req: ListCustomersDto): Planned {
    if (req.sortField && !SORT_FIELDS.includes(req.sortField)) {
      throw ApiError.field('sortField', 'Enum', `'Sort Field' must be one of: ${SORT_FIELDS.join(', ')}.`);
    }
    if (req.accountIds?.length) requireVisibleAccounts(p, req.accountIds);
    const scope = this.scope.of(p);
    const parents = req.parentCustomerIds?.length ? [...new Set(req.parentCustomerIds)] : [];
    const tagIds = req.tagIds?.length ? [...new Set(req.tagIds)] : undefined;
    const checks: Planned['checks'] = [];
    if (parents.length) {
      checks.push(async (q) => {
        if ((await this.rows.countVisible(q, scope, parents)) !== parents.length) throw ApiError.notFound('Customer');
      });
    }
    if (tagIds) checks.push((q) => requireVisibleTags(this.tags.refs(q, tagIds), p, tagIds).then(() => undefined));
    const query = this.rows.query({
      scope,
      parents,
      shallowParent: !!req.shallowParent,
      accountIds: req.accountIds,
      nameFilter: req.nameFilter,
      referenceId: req.referenceId,
      specificIds: req.specificIds,
      tagIds,
      sortField: req.sortField,
      descending: req.sortOrder === 'Descend',
    });
    return { query, checks };
  }
}
