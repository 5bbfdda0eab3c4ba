import { registerAs } from '@nestjs/config';
import { intEnv } from './env';

export interface AppConfig {
  port: number;
  /** Cap on `all=true` list requests. */
  listHardLimit: number;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
}

export const appConfig = registerAs('app', (): AppConfig => ({
  port: intEnv('PORT', 3000, 0, 65535),
  listHardLimit: intEnv('LIST_HARD_LIMIT', 10000, 1, 1000000),
  bodyLimit: intEnv('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
}));
