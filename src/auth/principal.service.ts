import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { toDate } from '../database/sql';

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
 * Loads the caller for a token in one round trip: the session must still exist, so logout and
 * user deletion end it at once. One row per linked account (at least one row).
 */
@Injectable()
export class PrincipalService {
  constructor(private readonly db: DataSource) {}

  async load(userId: string, sessionId: string): Promise<Principal | null> {
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
    if (!row || toDate(row.expires_at).getTime() <= Date.now()) return null;
    const roles = row.roles.split(',').filter(Boolean) as Role[];
    const accountIds = row.customer_id
      ? [row.customer_account_id as string]
      : rows.map((r) => r.linked_account_id).filter((id): id is string => !!id);
    return {
      userId: row.id,
      sessionId,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      roles,
      accountIds,
      customerId: row.customer_id,
    };
  }
}
