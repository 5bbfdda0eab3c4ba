import { registerAs } from '@nestjs/config';
import { DatabaseConfig, parseDatabaseUrl } from './database-url';
import { boolEnv, env, intEnv } from './env';

export type { DatabaseConfig } from './database-url';

export const databaseConfig = registerAs('database', (): DatabaseConfig => ({
  ...parseDatabaseUrl(env('DATABASE_URL'), boolEnv('DATABASE_LOGGING', false)),
  bounds: {
    queryTimeoutMs: intEnv('DB_QUERY_TIMEOUT_MS', 5000, 100, 600_000),
    poolWaitMs: intEnv('DB_POOL_WAIT_MS', 2000, 10, 600_000),
    poolQueueLimit: intEnv('DB_POOL_QUEUE_LIMIT', 100, 1, 100_000),
    poolSize: intEnv('DB_POOL_SIZE', 10, 1, 1000),
  },
}));
