import { registerAs } from '@nestjs/config';
import { DatabaseBounds, DatabaseConfig, parseDatabaseUrl } from './database-url';
import { boolEnv, ConfigError, env, intEnv } from './env';

export type { DatabaseConfig } from './database-url';

/** DATABASE_READ_URLS: Galera nodes of the primary's cluster, for the reads that may go elsewhere (README). */
function readReplicas(primary: DatabaseConfig, logging: boolean): DatabaseConfig[] {
  const raw = env('DATABASE_READ_URLS');
  if (!raw) return [];
  if (primary.type !== 'mysql') throw new ConfigError('DATABASE_READ_URLS needs a MySQL/MariaDB (Galera) DATABASE_URL');
  return raw.split(',').map((url) => {
    const replica = parseDatabaseUrl(url.trim(), logging);
    if (replica.type !== 'mysql') throw new ConfigError('DATABASE_READ_URLS must list mysql:// or mariadb:// URLs, separated by commas');
    return replica;
  });
}

function bounds(): DatabaseBounds {
  return {
    queryTimeoutMs: intEnv('DB_QUERY_TIMEOUT_MS', 5000, 100, 600_000),
    poolWaitMs: intEnv('DB_POOL_WAIT_MS', 2000, 10, 600_000),
    poolQueueLimit: intEnv('DB_POOL_QUEUE_LIMIT', 100, 1, 100_000),
    poolSize: intEnv('DB_POOL_SIZE', 10, 1, 1000),
  };
}

export const databaseConfig = registerAs('database', (): DatabaseConfig & { replicas: DatabaseConfig[] } => {
  const logging = boolEnv('DATABASE_LOGGING', false);
  const primary = parseDatabaseUrl(env('DATABASE_URL'), logging);
  return { ...primary, replicas: readReplicas(primary, logging), bounds: bounds() };
});
