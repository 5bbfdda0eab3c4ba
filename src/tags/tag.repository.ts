import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Queryable } from '../database/query-batch';
import { sqlIn } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { TagInfo } from './dto/tag-info.dto';
import { CustomerTag } from './entities/customer-tag.entity';
import { Tag } from './entities/tag.entity';
import { TagColor } from './tag-color.enum';

/** A tag's id and account, all a scope check needs. */
export interface TagRef {
  id: string;
  account_id: string;
}

/**
 * The tag aggregate's SQL: tags and which customers carry them. Writes run in the ambient
 * transaction (TransactionRunner.manager); reads that travel with others take the batch.
 */
@Injectable()
export class TagRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Every tag of these accounts (or of all, `null`), by name. */
  list(accountIds: string[] | null): Promise<Tag[]> {
    return this.tx.manager.find(Tag, { where: accountIds ? { accountId: In(accountIds) } : {}, order: { name: 'ASC', id: 'ASC' } });
  }

  findById(id: string): Promise<Tag | null> {
    // Never an undefined id: TypeORM would drop the condition and return the first row.
    return id ? this.tx.manager.findOneBy(Tag, { id }) : Promise.resolve(null);
  }

  /** Tags by id (those that exist, each once). One query, which a QueryBatch may carry. */
  refs(q: Queryable, tagIds: readonly string[]): Promise<TagRef[]> {
    const ids = [...new Set(tagIds)];
    return ids.length ? q.query<TagRef[]>(`SELECT id, account_id FROM tags WHERE id IN ${sqlIn(ids)}`, ids) : Promise.resolve([]);
  }

  async insert(tag: Tag): Promise<void> {
    await this.tx.manager.insert(Tag, tag);
  }

  async update(id: string, changes: Partial<Tag>): Promise<void> {
    await this.tx.manager.update(Tag, { id }, changes);
  }

  /** Customers lose the tag with it (ON DELETE CASCADE on customer_tags). */
  async delete(id: string): Promise<void> {
    await this.tx.manager.delete(Tag, { id });
  }

  /** Whether a customer outside the subtree of `rootCustomerId` carries the tag. */
  async carriedOutside(tagId: string, rootCustomerId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(
      `SELECT 1 AS hit FROM customer_tags ct WHERE ct.tag_id = ?
          AND ct.customer_id NOT IN (SELECT s.descendant_id FROM customer_closure s WHERE s.ancestor_id = ?) LIMIT 1`,
      [tagId, rootCustomerId],
    );
    return rows.length > 0;
  }

  /** The tags a customer carries, replaced by these. */
  async setForCustomer(customerId: string, tagIds: string[]): Promise<void> {
    const m = this.tx.manager;
    await m.delete(CustomerTag, { customerId });
    if (tagIds.length)
      await m.insert(
        CustomerTag,
        tagIds.map((tagId) => ({ customerId, tagId })),
      );
  }

  /** The tags each customer carries, by name. One query, which a QueryBatch may carry. */
  async forCustomers(customerIds: string[], q: Queryable = this.tx.manager): Promise<Map<string, TagInfo[]>> {
    const out = new Map<string, TagInfo[]>(customerIds.map((id) => [id, []]));
    if (!customerIds.length) return out;
    const rows: { customer_id: string; id: string; name: string; color: string }[] = await q.query(
      `SELECT ct.customer_id, t.id, t.name, t.color FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
        WHERE ct.customer_id IN ${sqlIn(customerIds)} ORDER BY t.name, t.id`,
      customerIds,
    );
    for (const row of rows) out.get(row.customer_id)!.push({ id: row.id, name: row.name, color: row.color as TagColor });
    return out;
  }
}
