import { Logger } from '@nestjs/common';
import { createClient } from 'redis';

/** Counts hits per key within fixed windows. */
export interface RateLimitStore {
  /** Adds one hit to `key` in the current window and returns the window's count. */
  hit(key: string, windowMs: number): Promise<number>;
  close(): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private window = -1;
  private counts = new Map<string, number>();

  hit(key: string, windowMs: number): Promise<number> {
    const window = Math.floor(Date.now() / windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return Promise.resolve(count);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Counters shared by every instance through Redis (INCR, then EXPIRE on the first hit). While
 * Redis does not answer, this instance counts on its own rather than refusing every login.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly logger = new Logger('RateLimit');
  private readonly fallback = new MemoryRateLimitStore();
  private readonly client;
  private readonly ready: Promise<unknown>;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(retries * 200, 5000) } });
    this.client.on('error', (err: Error) => this.logger.warn(`Redis: ${err.message}`));
    // Waited for at most a second: a Redis that never answers must not hold logins up.
    const connected = this.client.connect().catch(() => undefined);
    this.ready = Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }

  async hit(key: string, windowMs: number): Promise<number> {
    await this.ready;
    if (!this.client.isReady) return this.fallback.hit(key, windowMs);
    const redisKey = `${this.prefix}:ratelimit:${Math.floor(Date.now() / windowMs)}:${key}`;
    try {
      const count = await this.client.incr(redisKey);
      if (count === 1) await this.client.pExpire(redisKey, windowMs * 2);
      return count;
    } catch {
      return this.fallback.hit(key, windowMs);
    }
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close();
    else this.client.destroy();
  }
}
