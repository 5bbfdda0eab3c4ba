import { canSeeAccount } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import type { TagRef } from './tag.repository';

/** The tags asked for, every one existing and in the caller's accounts, else 404 Tag. */
export async function requireVisibleTags(found: Promise<TagRef[]>, p: Principal, tagIds: readonly string[]): Promise<TagRef[]> {
  const wanted = new Set(tagIds);
  const rows = await found;
  if (rows.length !== wanted.size || rows.some((t) => !canSeeAccount(p, t.account_id))) throw ApiError.notFound('Tag');
  return rows;
}
