import { Injectable } from '@nestjs/common';
import { Session } from '../common/auth/session.entity';
import { sqlIn } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { UserAccount } from './entities/user-account.entity';
import { User } from './entities/user.entity';

/** What a UserInfo shows beyond the user's row: its accounts and whether a session is live. */
export interface UserLinks {
  links: { user_id: string; id: string; name: string }[];
  customerAccounts: { customer_id: string; id: string; name: string }[];
  sessions: { user_id: string; expires_at: Date | string }[];
}

/**
 * The user aggregate's SQL: users, their account links, and the sessions a change ends. Everything
 * runs in the ambient transaction when there is one (TransactionRunner.manager).
 */
@Injectable()
export class UserRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findById(id: string): Promise<User | null> {
    // Never an empty id: TypeORM would drop the condition and return the first row.
    return id ? this.tx.manager.findOneBy(User, { id }) : Promise.resolve(null);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.tx.manager.findOneBy(User, { email });
  }

  async any(): Promise<boolean> {
    return (await this.tx.manager.count(User)) > 0;
  }

  /** These users (or all, `null`), by email. */
  list(ids: string[] | null): Promise<User[]> {
    const q = this.tx.manager.createQueryBuilder(User, 'u').orderBy('u.email', 'ASC');
    if (ids && !ids.length) return Promise.resolve([]);
    return (ids ? q.where('u.id IN (:...ids)', { ids }) : q).getMany();
  }

  /** Users linked to these accounts, and Customer users whose customer is in them; only those of `only`, if given. */
  async idsInAccounts(accountIds: string[], only?: string[]): Promise<string[]> {
    if (!accountIds.length) return [];
    const accounts = sqlIn(accountIds);
    const onlySql = only ? ` AND u.id IN ${sqlIn(only)}` : '';
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT u.id FROM users u
        WHERE (u.id IN (SELECT ua.user_id FROM user_accounts ua WHERE ua.account_id IN ${accounts})
           OR u.customer_id IN (SELECT c.id FROM customers c WHERE c.account_id IN ${accounts}))${onlySql}`,
      [...accountIds, ...accountIds, ...(only ?? [])],
    );
    return rows.map((r) => r.id);
  }

  async insert(user: User, accountIds: string[]): Promise<void> {
    const m = this.tx.manager;
    await m.insert(User, user);
    for (const accountId of accountIds) await m.insert(UserAccount, { userId: user.id, accountId });
  }

  async update(id: string, changes: Partial<User>): Promise<void> {
    await this.tx.manager.update(User, { id }, changes);
  }

  /** Every session of the user: it logs in again. */
  async endSessions(userId: string): Promise<void> {
    await this.tx.manager.delete(Session, { userId });
  }

  /** Sessions and account links go with the user (ON DELETE CASCADE). */
  async delete(id: string): Promise<void> {
    await this.tx.manager.delete(User, { id });
  }

  /** Three reads issued at once: account links, the accounts of bound customers, sessions. */
  async links(userIds: string[], customerIds: string[]): Promise<UserLinks> {
    const m = this.tx.manager;
    const [links, customerAccounts, sessions] = await Promise.all([
      m.query<UserLinks['links']>(
        `SELECT ua.user_id, a.id, a.name FROM user_accounts ua JOIN accounts a ON a.id = ua.account_id WHERE ua.user_id IN ${sqlIn(userIds)} ORDER BY a.id`,
        userIds,
      ),
      customerIds.length
        ? m.query<UserLinks['customerAccounts']>(
            `SELECT c.id AS customer_id, a.id, a.name FROM customers c JOIN accounts a ON a.id = c.account_id WHERE c.id IN ${sqlIn(customerIds)}`,
            customerIds,
          )
        : Promise.resolve([]),
      m.query<UserLinks['sessions']>(`SELECT user_id, expires_at FROM sessions WHERE user_id IN ${sqlIn(userIds)}`, userIds),
    ]);
    return { links, customerAccounts, sessions };
  }
}
