import { ApiError } from '../errors/api-error';
import { isAdmin, Principal } from './principal';

/**
 * The access rules every service asks, in one place (contract §2): a SystemAdministrator sees
 * every account; anyone else sees the accounts of their principal. Whatever is outside is
 * reported as not found, so other tenants' ids cannot be probed.
 */
export function canSeeAccount(p: Principal, accountId: string): boolean {
  return isAdmin(p) || p.accountIds.includes(accountId);
}

/** 404 Account unless the caller sees every one of these accounts. */
export function requireVisibleAccounts(p: Principal, accountIds: readonly string[]): void {
  if (accountIds.some((id) => !canSeeAccount(p, id))) throw ApiError.notFound('Account');
}

/** The accounts a list may cover: those asked for (each checked), else all the caller sees; undefined means every account. */
export function listableAccounts(p: Principal, asked: readonly string[] | undefined): string[] | undefined {
  if (asked?.length) {
    requireVisibleAccounts(p, asked);
    return [...asked];
  }
  return isAdmin(p) ? undefined : p.accountIds;
}
