import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { authConfig, AuthConfig } from '../config/auth.config';
import { ApiError } from '../common/errors/api-error';
import { MemoryRateLimitStore, RateLimitStore } from './rate-limit-store';
import { RedisRateLimitStore } from './redis-rate-limit-store';

/** At most LOGIN_ATTEMPTS_PER_MINUTE logins per client address in any minute (shared via REDIS_URL). */
@Injectable()
export class LoginRateLimiter implements OnApplicationShutdown {
  private readonly store: RateLimitStore;

  constructor(@Inject(authConfig.KEY) private readonly cfg: AuthConfig) {
    this.store = cfg.redisUrl ? new RedisRateLimitStore(cfg.redisUrl, cfg.redisKeyPrefix) : new MemoryRateLimitStore();
  }

  async hit(clientKey: string): Promise<void> {
    const decision = await this.store.take(`login:${clientKey}`, this.cfg.loginAttemptsPerMinute, 60_000);
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new ApiError(429, 'TooManyRequests', `Too many login attempts. Try again in ${seconds} s.`).withHeaders({
        'retry-after': String(seconds),
      });
    }
  }

  /** After the listener has closed: a login still in flight keeps its Redis. */
  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}
