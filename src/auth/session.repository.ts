import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Session } from '../common/auth/session.entity';
import { TransactionRunner } from '../database/transaction-runner';

/** The caller as one query answers it: one row per linked account. */
export interface PrincipalRow {
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
 * The session aggregate's SQL. Sessions are always read from the primary's pool (never a read
 * replica's, never a stale snapshot): a logout must bite on the next request.
 */
@Injectable()
export class SessionRepository {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async insert(session: Session): Promise<void> {
    await this.tx.run((m) => m.insert(Session, session));
  }

  findById(id: string): Promise<Session | null> {
    return id ? this.db.manager.findOneBy(Session, { id }) : Promise.resolve(null);
  }

  async delete(id: string): Promise<void> {
    await this.tx.run((m) => m.delete(Session, { id }));
  }

  /** Replaces the refresh token's hash only if it is still `expected`: of two racing uses of one token, one wins. */
  async rotate(id: string, expected: string, next: string): Promise<boolean> {
    const result = await this.tx.run((m) => m.update(Session, { id, refreshTokenHash: expected }, { refreshTokenHash: next }));
    return !!result.affected;
  }

  /** The session's user, roles and accounts in one round trip. */
  principalRows(userId: string, sessionId: string): Promise<PrincipalRow[]> {
    return this.db.query(
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
  }
}
