import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/database.config';
import { InitialSchema1764200000000 } from './migrations/1764200000000-initial-schema';
import { IdempotencyKeys1764300000000 } from './migrations/1764300000000-idempotency-keys';
import { SubtreeOrderAndSizes1764400000000 } from './migrations/1764400000000-subtree-order-and-sizes';
import { AccountTreeVersion1764500000000 } from './migrations/1764500000000-account-tree-version';

export const MIGRATIONS = [
  InitialSchema1764200000000,
  IdempotencyKeys1764300000000,
  SubtreeOrderAndSizes1764400000000,
  AccountTreeVersion1764500000000,
];

/**
 * One definition for the app and for the command-line tools. Entities are not listed here: each
 * feature module registers its own (`TypeOrmModule.forFeature`, `autoLoadEntities`); a tool that
 * works without the app passes the few it uses.
 */
export function buildDataSourceOptions(cfg: DatabaseConfig): DataSourceOptions {
  const common = {
    migrations: MIGRATIONS,
    // Run by migrateOnce (schema-migrator.ts) under a lock that holds across instances and Galera nodes.
    migrationsRun: false,
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
