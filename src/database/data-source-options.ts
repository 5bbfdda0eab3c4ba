import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { Account } from '../accounts/entities/account.entity';
import { Session } from '../common/auth/session.entity';
import type { DatabaseConfig } from '../config/database.config';
import { CustomerClosure } from '../customers/entities/customer-closure.entity';
import { Customer } from '../customers/entities/customer.entity';
import { ScheduleRow } from '../schedules/entities/schedule.entity';
import { SchedulingRuleRow } from '../schedules/entities/scheduling-rule.entity';
import { AppSettingsRow } from '../settings/entities/app-settings.entity';
import { BillingItemRow } from '../settings/entities/billing-item.entity';
import { CustomerTag } from '../tags/entities/customer-tag.entity';
import { Tag } from '../tags/entities/tag.entity';
import { UserAccount } from '../users/entities/user-account.entity';
import { User } from '../users/entities/user.entity';
import { InitialSchema1764200000000 } from './migrations/1764200000000-initial-schema';
import { IdempotencyKeys1764300000000 } from './migrations/1764300000000-idempotency-keys';
import { SubtreeOrderAndSizes1764400000000 } from './migrations/1764400000000-subtree-order-and-sizes';

export const ENTITIES = [
  Account,
  Customer,
  CustomerClosure,
  Tag,
  CustomerTag,
  BillingItemRow,
  AppSettingsRow,
  ScheduleRow,
  SchedulingRuleRow,
  User,
  UserAccount,
  Session,
];

export const MIGRATIONS = [InitialSchema1764200000000, IdempotencyKeys1764300000000, SubtreeOrderAndSizes1764400000000];

/** One definition for the app and for the migration CLI (`ormconfig.ts`). */
export function buildDataSourceOptions(cfg: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: cfg.logging,
  };
  if (cfg.type === 'sqlite') {
    if (cfg.path !== ':memory:') mkdirSync(dirname(cfg.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: cfg.path,
      enableWAL: true,
      // How long a statement waits for the file lock (another process writing) before SQLITE_BUSY, a 503.
      timeout: cfg.bounds?.queryTimeoutMs ?? 5000,
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: cfg.host,
    port: cfg.port,
    username: cfg.username,
    password: cfg.password,
    database: cfg.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    poolSize: cfg.bounds?.poolSize ?? 10,
    // Reads batched into one round trip (query-batch.ts); every statement still binds its values with `?`.
    multipleStatements: true,
    connectTimeout: 5000,
    // mysql2 has no query timeout of its own: TypeORM passes this one to every query.
    maxQueryExecutionTime: cfg.bounds?.queryTimeoutMs,
    enableQueryTimeout: cfg.bounds !== undefined,
  };
}
