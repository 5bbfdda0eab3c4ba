import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { ClusterNodeService } from '../database/cluster-node.service';
import { Queryable } from '../database/query-batch';
import { isSqlite, sqlIn } from '../database/sql';

/** Counters per subtree size (see the SubtreeOrderAndSizes migration). */
export const SUBTREE_SIZE_SHARDS = 8;

export interface BreadcrumbEntry {
  id: string;
  name: string;
}

/** Reads and writes the customer closure table (see CustomerClosure). */
@Injectable()
export class CustomerHierarchyRepository {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
    private readonly node: ClusterNodeService,
  ) {}

  /**
   * Serializes the moves and cascade deletes of one account's tree among themselves, for the rest
   * of the transaction, so that racing moves can never build a cycle. It writes the account row
   * (its tree_version) rather than only locking it: on one server the write's lock does the
   * serializing, and on Galera, where locks hold on one node only, two transactions writing one
   * row conflict at certification and the later is rolled back and run again (TransactionRunner).
   * Creates do not take it: the foreign-key checks of their INSERT reference the account's and the
   * parent's rows, so they run side by side and only wait for (or, across Galera nodes, conflict
   * with) a move or delete in progress. SQLite needs nothing here: its write transactions already
   * run one at a time.
   */
  async lockTree(accountId: string): Promise<void> {
    if (isSqlite(this.db.options.type)) return;
    await this.tx.manager.query('UPDATE accounts SET tree_version = tree_version + 1 WHERE id = ?', [accountId]);
  }

  /**
   * The rows of a whole subtree, locked for a move or a delete: creates under any of them wait,
   * and the subtree is read as committed now (a locking read), so a child created just before is
   * moved or deleted with the rest. Deepest first.
   */
  async lockSubtree(rootId: string): Promise<{ id: string; depth: number }[]> {
    const m = this.tx.manager;
    const lock = isSqlite(this.db.options.type) ? '' : ' FOR UPDATE';
    const rows: { id: string; depth: number }[] = await m.query(
      `SELECT c.id, cc.depth FROM customer_closure cc JOIN customers c ON c.id = cc.descendant_id
        WHERE cc.ancestor_id = ? ORDER BY cc.depth DESC${lock}`,
      [rootId],
    );
    return rows.map((r) => ({ id: r.id, depth: Number(r.depth) }));
  }

  /**
   * Adds a new leaf: its own row plus one per ancestor of the parent, copied with a locking read,
   * so the parent's paths cannot change under it, then one more for it in every subtree size on
   * its path. Issued together (a QueryBatch sends them at once).
   */
  insertNode(q: Queryable, node: { id: string; name: string }, parentId: string | null): Promise<unknown> {
    return Promise.all([
      q.query(`INSERT INTO customer_closure (ancestor_id, descendant_id, depth, descendant_name) VALUES (?, ?, 0, ?)`, [
        node.id,
        node.id,
        node.name,
      ]),
      ...(parentId
        ? [
            q.query(
              `INSERT INTO customer_closure (ancestor_id, descendant_id, depth, descendant_name)
               SELECT ancestor_id, ?, depth + 1, ? FROM customer_closure WHERE descendant_id = ?`,
              [node.id, node.name, parentId],
            ),
          ]
        : []),
      this.addToSizes(q, node.id, 'all', 1),
    ]);
  }

  /** A rename reaches the closure rows that keep subtrees in name order. */
  rename(q: Queryable, id: string, name: string): Promise<unknown> {
    return q.query('UPDATE customer_closure SET descendant_name = ? WHERE descendant_id = ?', [name, id]);
  }

  /** Members of the subtree of `id`, itself included: a sum of at most SUBTREE_SIZE_SHARDS counters. */
  async subtreeSize(q: Queryable, id: string): Promise<number> {
    const [row] = await q.query<{ n: number | string | null }[]>(
      'SELECT SUM(size) AS n FROM customer_subtree_sizes WHERE customer_id = ?',
      [id],
    );
    return Number(row?.n ?? 0);
  }

  /**
   * Adds `delta` to the subtree size of every ancestor of `id` (and of `id` itself unless
   * 'strict'), in one counter each, chosen at random (among this Galera node's own, on a cluster):
   * concurrent writers under one root then rarely touch the same row, and writers on different
   * nodes never do. Ancestors are read nearest first, so two writers meet rows in the
   * same order.
   */
  addToSizes(q: Queryable, id: string, which: 'all' | 'strict', delta: number): Promise<unknown> {
    const shard = this.node.shard(SUBTREE_SIZE_SHARDS);
    const conflict = isSqlite(this.db.options.type)
      ? 'ON CONFLICT (customer_id, shard) DO UPDATE SET size = size + ?'
      : 'ON DUPLICATE KEY UPDATE size = size + ?';
    return q.query(
      `INSERT INTO customer_subtree_sizes (customer_id, shard, size)
       SELECT ancestor_id, ?, ? FROM customer_closure WHERE descendant_id = ?${which === 'strict' ? ' AND depth > 0' : ''}
        ORDER BY depth ${conflict}`,
      [shard, delta, id, delta],
    );
  }

  /** Root-first breadcrumbs, including each customer itself, for many customers in one query. */
  async breadcrumbs(ids: string[], m: Queryable = this.tx.manager): Promise<Map<string, BreadcrumbEntry[]>> {
    const out = new Map<string, BreadcrumbEntry[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows: { descendant_id: string; id: string; name: string }[] = await m.query(
      `SELECT cc.descendant_id, c.id, c.name
         FROM customer_closure cc JOIN customers c ON c.id = cc.ancestor_id
        WHERE cc.descendant_id IN ${sqlIn(ids)}
        ORDER BY cc.descendant_id, cc.depth DESC`,
      ids,
    );
    for (const row of rows) out.get(row.descendant_id)!.push({ id: row.id, name: row.name });
    return out;
  }

  /** The customer itself, then its parent, and so on up to its root. */
  async selfAndAncestors(id: string): Promise<string[]> {
    const rows: { ancestor_id: string }[] = await this.tx.manager.query(
      'SELECT ancestor_id FROM customer_closure WHERE descendant_id = ? ORDER BY depth ASC',
      [id],
    );
    return rows.map((r) => r.ancestor_id);
  }

  /** True when `descendantId` is `ancestorId` or below it. One primary-key lookup. */
  async isInSubtree(ancestorId: string, descendantId: string): Promise<boolean> {
    const m = this.tx.manager;
    const rows: unknown[] = await m.query(`SELECT 1 AS hit FROM customer_closure WHERE ancestor_id = ? AND descendant_id = ?`, [
      ancestorId,
      descendantId,
    ]);
    return rows.length > 0;
  }

  /**
   * Re-parents a whole subtree: drops the paths from the old ancestors into the subtree and links
   * every new ancestor to every subtree member. The caller has already refused cycles.
   */
  async move(rootId: string, newParentId: string | null): Promise<void> {
    const m = this.tx.manager;
    const members = (await this.lockSubtree(rootId)).map((s) => s.id);
    const ancestors: { ancestor_id: string }[] = await m.query(
      `SELECT ancestor_id FROM customer_closure WHERE descendant_id = ? AND depth > 0`,
      [rootId],
    );
    const oldAncestorIds = ancestors.map((a) => a.ancestor_id);
    await this.addToSizes(m, rootId, 'strict', -members.length);
    for (const chunk of chunks(members, 500)) {
      if (oldAncestorIds.length) {
        await m.query(`DELETE FROM customer_closure WHERE descendant_id IN ${sqlIn(chunk)} AND ancestor_id IN ${sqlIn(oldAncestorIds)}`, [
          ...chunk,
          ...oldAncestorIds,
        ]);
      }
      if (newParentId) {
        await m.query(
          `INSERT INTO customer_closure (ancestor_id, descendant_id, depth, descendant_name)
           SELECT up.ancestor_id, down.descendant_id, up.depth + down.depth + 1, down.descendant_name
             FROM customer_closure up, customer_closure down
            WHERE up.descendant_id = ? AND down.ancestor_id = ? AND down.descendant_id IN ${sqlIn(chunk)}`,
          [newParentId, rootId, ...chunk],
        );
      }
    }
    await this.addToSizes(m, rootId, 'strict', members.length);
  }
}

export function chunks<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
