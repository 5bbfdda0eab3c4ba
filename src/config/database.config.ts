import { registerAs } from '@nestjs/config';
import { DatabaseConfig, parseDatabaseUrl } from './database-url';
import { env } from './env';

export type { DatabaseConfig } from './database-url';

export const databaseConfig = registerAs('database', (): DatabaseConfig =>
  parseDatabaseUrl(env('DATABASE_URL'), env('DATABASE_LOGGING') === 'true'),
);
