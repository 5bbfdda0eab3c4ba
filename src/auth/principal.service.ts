import { Injectable } from '@nestjs/common';
import { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { toDate } from '../database/sql';
import { CacheInvalidation } from '../common/cache/cache-invalidation.service';
import { SessionRepository } from './session.repository';

/**
 * Loads the caller for a token in one round trip, or none while the cache of callers is on: the
 * session must still exist, so logout and user deletion end it at once. One row per linked account.
 */
@Injectable()
export class PrincipalService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly invalidation: CacheInvalidation,
  ) {}

  /** From the cache while it is on (see CacheInvalidation), else from the database. */
  async load(userId: string, sessionId: string): Promise<Principal | null> {
    const cache = this.invalidation.principals;
    const cached = cache.get(sessionId);
    if (cached) return cached.userId === userId ? cached : null;
    const generation = cache.generation;
    const found = await this.read(userId, sessionId);
    if (found) cache.storePrincipal(found.principal, found.sessionEnds, generation);
    return found?.principal ?? null;
  }

  private async read(userId: string, sessionId: string): Promise<{ principal: Principal; sessionEnds: number } | null> {
    const rows = await this.sessions.principalRows(userId, sessionId);
    const row = rows[0];
    const sessionEnds = row ? toDate(row.expires_at).getTime() : 0;
    if (!row || sessionEnds <= Date.now()) return null;
    const roles = row.roles.split(',').filter(Boolean) as Role[];
    const accountIds = row.customer_id
      ? [row.customer_account_id as string]
      : rows.map((r) => r.linked_account_id).filter((id): id is string => !!id);
    const principal = {
      userId: row.id,
      sessionId,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      roles,
      accountIds,
      customerId: row.customer_id,
    };
    return { principal, sessionEnds };
  }
}
