import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Queryable } from '../database/query-batch';
import { isSqlite, sqlIn } from '../database/sql';

export interface BreadcrumbEntry {
  id: string;
  name: string;
}

/** Reads and writes the customer closure table (see CustomerClosure). */
@Injectable()
export class CustomerHierarchyService {
  constructor(private readonly db: DataSource) {}

  /**
   * Serializes the moves and cascade deletes of one account's tree among themselves, for the rest
   * of the transaction, so that racing moves can never build a cycle. Creates do not take it: the
   * foreign-key checks of their INSERT share the account's and the parent's rows, so they run side
   * by side and only wait while a move or delete holds them (see lockSubtree). SQLite needs nothing
   * here: its write transactions already run one at a time.
   */
  async lockTree(m: EntityManager, accountId: string): Promise<void> {
    if (isSqlite(m.connection.options.type)) return;
    await m.query('SELECT id FROM accounts WHERE id = ? FOR UPDATE', [accountId]);
  }

  /**
   * The rows of a whole subtree, locked for a move or a delete: creates under any of them wait,
   * and the subtree is read as committed now (a locking read), so a child created just before is
   * moved or deleted with the rest. Deepest first.
   */
  async lockSubtree(m: EntityManager, rootId: string): Promise<{ id: string; depth: number }[]> {
    const lock = isSqlite(m.connection.options.type) ? '' : ' FOR UPDATE';
    const rows: { id: string; depth: number }[] = await m.query(
      `SELECT c.id, cc.depth FROM customer_closure cc JOIN customers c ON c.id = cc.descendant_id
        WHERE cc.ancestor_id = ? ORDER BY cc.depth DESC${lock}`,
      [rootId],
    );
    return rows.map((r) => ({ id: r.id, depth: Number(r.depth) }));
  }

  /**
   * Adds a new leaf: its own row plus one per ancestor of the parent, copied with a locking read,
   * so the parent's paths cannot change under it. Issued together (a QueryBatch sends them at once).
   */
  insertNode(q: Queryable, id: string, parentId: string | null): Promise<unknown> {
    return Promise.all([
      q.query(`INSERT INTO customer_closure (ancestor_id, descendant_id, depth) VALUES (?, ?, 0)`, [id, id]),
      ...(parentId
        ? [
            q.query(
              `INSERT INTO customer_closure (ancestor_id, descendant_id, depth)
               SELECT ancestor_id, ?, depth + 1 FROM customer_closure WHERE descendant_id = ?`,
              [id, parentId],
            ),
          ]
        : []),
    ]);
  }

  /** Root-first breadcrumbs, including each customer itself, for many customers in one query. */
  async breadcrumbs(ids: string[], m: Queryable = this.db.manager): Promise<Map<string, BreadcrumbEntry[]>> {
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

  /** True when `descendantId` is `ancestorId` or below it. One primary-key lookup. */
  async isInSubtree(ancestorId: string, descendantId: string, m: EntityManager = this.db.manager): Promise<boolean> {
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
  async move(m: EntityManager, rootId: string, newParentId: string | null): Promise<void> {
    const members = (await this.lockSubtree(m, rootId)).map((s) => s.id);
    const ancestors: { ancestor_id: string }[] = await m.query(
      `SELECT ancestor_id FROM customer_closure WHERE descendant_id = ? AND depth > 0`,
      [rootId],
    );
    const oldAncestorIds = ancestors.map((a) => a.ancestor_id);
    for (const chunk of chunks(members, 500)) {
      if (oldAncestorIds.length) {
        await m.query(`DELETE FROM customer_closure WHERE descendant_id IN ${sqlIn(chunk)} AND ancestor_id IN ${sqlIn(oldAncestorIds)}`, [
          ...chunk,
          ...oldAncestorIds,
        ]);
      }
      if (newParentId) {
        await m.query(
          `INSERT INTO customer_closure (ancestor_id, descendant_id, depth)
           SELECT up.ancestor_id, down.descendant_id, up.depth + down.depth + 1
             FROM customer_closure up, customer_closure down
            WHERE up.descendant_id = ? AND down.ancestor_id = ? AND down.descendant_id IN ${sqlIn(chunk)}`,
          [newParentId, rootId, ...chunk],
        );
      }
    }
  }
}

export function chunks<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
