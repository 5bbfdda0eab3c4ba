import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { toDate } from '../database/sql';
import { PrincipalInvalidation } from './principal-invalidation.service';

interface PrincipalRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  roles: string;
  customer_id: string | null;
  customer_account_id: string | null;
  linked_account_id: string | null;
  expires_at: Date | string;
}

/**
 * Loads the caller for a token in one round trip, or none while the cache of callers is on: the
 * session must still exist, so logout and user deletion end it at once. One row per linked account.
 */
@Injectable()
export class PrincipalService {
  constructor(
    private readonly db: DataSource,
    private readonly invalidation: PrincipalInvalidation,
  ) {}

  /** From the cache while it is on (see PrincipalInvalidation), else from the database. */
  async load(userId: string, sessionId: string): Promise<Principal | null> {
    const cache = this.invalidation.cache;
    const cached = cache.get(sessionId);
    if (cached) return cached.userId === userId ? cached : null;
    const generation = cache.generation;
    const found = await this.read(userId, sessionId);
    if (found) cache.store(found.principal, found.sessionEnds, generation);
    return found?.principal ?? null;
  }

  private async read(userId: string, sessionId: string): Promise<{ principal: Principal; sessionEnds: number } | null> {
    const rows: PrincipalRow[] = await this.db.query(
      `SELECT u.id, u.email, u.first_name, u.last_name, u.roles, u.customer_id, c.account_id AS customer_account_id,
              ua.account_id AS linked_account_id, s.expires_at
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN customers c ON c.id = u.customer_id
         LEFT JOIN user_accounts ua ON ua.user_id = u.id
        WHERE s.id = ? AND s.user_id = ?
        ORDER BY ua.account_id`,
      [sessionId, userId],
    );
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
