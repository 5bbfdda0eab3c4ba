import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable } from '../database/query-batch';
import { sqlIn } from '../database/sql';
import { TagInfo } from './dto/tag-info.dto';
import { TagColor } from './tag-color.enum';

/** The tags carried by customers. */
@Injectable()
export class CustomerTagsService {
  constructor(private readonly db: DataSource) {}

  async forCustomers(customerIds: string[], m: Queryable = this.db.manager): Promise<Map<string, TagInfo[]>> {
    const out = new Map<string, TagInfo[]>(customerIds.map((id) => [id, []]));
    if (!customerIds.length) return out;
    const rows: { customer_id: string; id: string; name: string; color: string }[] = await m.query(
      `SELECT ct.customer_id, t.id, t.name, t.color FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
        WHERE ct.customer_id IN ${sqlIn(customerIds)} ORDER BY t.name, t.id`,
      customerIds,
    );
    for (const row of rows) out.get(row.customer_id)!.push({ id: row.id, name: row.name, color: row.color as TagColor });
    return out;
  }
}
