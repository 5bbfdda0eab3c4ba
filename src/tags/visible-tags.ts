import { canSeeAccount } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import type { Queryable } from '../database/query-batch';
import { sqlIn } from '../database/sql';

export interface TagRef {
  id: string;
  account_id: string;
}

/** Tags by id, every one existing and in the caller's accounts, else 404 Tag. One query. */
export async function requireVisibleTags(m: Queryable, p: Principal, tagIds: readonly string[]): Promise<TagRef[]> {
  const ids = [...new Set(tagIds)];
  if (!ids.length) return [];
  const rows: TagRef[] = await m.query(`SELECT id, account_id FROM tags WHERE id IN ${sqlIn(ids)}`, ids);
  if (rows.length !== ids.length || rows.some((t) => !canSeeAccount(p, t.account_id))) throw ApiError.notFound('Tag');
  return rows;
}
