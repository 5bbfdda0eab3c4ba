import { Inject, Injectable } from '@nestjs/common';
import { authConfig, AuthConfig } from '../config/auth.config';
import { ApiError } from '../common/errors/api-error';

/** A fixed one-minute window per client address against password guessing. */
@Injectable()
export class LoginRateLimiter {
  private windowStart = Date.now();
  private attempts = new Map<string, number>();

  constructor(@Inject(authConfig.KEY) private readonly cfg: AuthConfig) {}

  hit(clientKey: string): void {
    const now = Date.now();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.attempts = new Map();
    }
    const count = (this.attempts.get(clientKey) ?? 0) + 1;
    this.attempts.set(clientKey, count);
    if (count > this.cfg.loginAttemptsPerMinute) {
      throw new ApiError(429, 'TooManyRequests', 'Too many login attempts. Try again in a minute.');
    }
  }
}
