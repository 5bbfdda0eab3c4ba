import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { authConfig, AuthConfig } from '../config/auth.config';
import { ApiError } from '../common/errors/api-error';
import { MemoryRateLimitStore, RateLimitStore, RedisRateLimitStore } from './rate-limit-store';

/** A fixed one-minute window per client address against password guessing (shared via REDIS_URL). */
@Injectable()
export class LoginRateLimiter implements OnModuleDestroy {
  private readonly store: RateLimitStore;

  constructor(@Inject(authConfig.KEY) private readonly cfg: AuthConfig) {
    this.store = cfg.redisUrl ? new RedisRateLimitStore(cfg.redisUrl, cfg.redisKeyPrefix) : new MemoryRateLimitStore();
  }

  async hit(clientKey: string): Promise<void> {
    const count = await this.store.hit(`login:${clientKey}`, 60_000);
    if (count > this.cfg.loginAttemptsPerMinute) {
      throw new ApiError(429, 'TooManyRequests', 'Too many login attempts. Try again in a minute.');
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.store.close();
  }
}
