import { Logger } from '@nestjs/common';
import { registerAs } from '@nestjs/config';
import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { ConfigError, env, intEnv } from './env';

export interface AuthConfig {
  /** HMAC key as a KeyObject: jsonwebtoken re-parses a string secret on every verify. */
  jwtKey: KeyObject;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Session length without rememberMe. */
  sessionTtlSeconds: number;
  /** Login attempts per minute per client address. */
  loginAttemptsPerMinute: number;
  /** Shared rate-limit counters for several instances; in-process when unset. */
  redisUrl?: string;
  /** Namespace of this deployment's keys in a shared Redis. */
  redisKeyPrefix: string;
}

function redisUrl(): string | undefined {
  const url = env('REDIS_URL');
  if (url !== undefined && !/^rediss?:\/\/[^/]/.test(url)) throw new ConfigError('REDIS_URL must look like redis://host:6379');
  return url;
}

let processKey: KeyObject | undefined;

function jwtKey(): KeyObject {
  const secret = env('JWT_SECRET');
  if (secret === undefined) {
    if (!processKey) {
      new Logger('Config').warn('JWT_SECRET is not set: using a random key, so tokens end with this process.');
      processKey = createSecretKey(randomBytes(32));
    }
    return processKey;
  }
  if (Buffer.byteLength(secret) < 32) throw new ConfigError('JWT_SECRET must be at least 32 bytes long');
  return createSecretKey(Buffer.from(secret));
}

export const authConfig = registerAs('auth', (): AuthConfig => ({
  jwtKey: jwtKey(),
  issuer: env('JWT_ISSUER') ?? 'voice-api',
  audience: env('JWT_AUDIENCE') ?? 'voice-api',
  accessTokenTtlSeconds: intEnv('ACCESS_TOKEN_TTL_SECONDS', 900, 5, 86400),
  refreshTokenTtlSeconds: intEnv('REFRESH_TOKEN_TTL_SECONDS', 14 * 86400, 60, 365 * 86400),
  sessionTtlSeconds: intEnv('SESSION_TTL_SECONDS', 86400, 60, 365 * 86400),
  loginAttemptsPerMinute: intEnv('LOGIN_ATTEMPTS_PER_MINUTE', 20, 1, 100000),
  redisUrl: redisUrl(),
  redisKeyPrefix: env('REDIS_KEY_PREFIX') ?? 'voice',
}));
