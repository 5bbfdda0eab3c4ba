import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { reconnectingRedisClient } from './redis-client';
import { MemoryRateLimitStore, RateDecision, RateLimitStore } from './rate-limit-store';

/** One round trip, atomic on the Redis server: trim, count, add if under the limit. */
const SLIDING_WINDOW = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
local n = redis.call('ZCARD', KEYS[1])
if n < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + tonumber(ARGV[2]) - tonumber(ARGV[1])
`;

/**
 * The window log shared by every instance through Redis. While Redis does not answer, this
 * instance counts on its own rather than refusing every login; that is logged once when it
 * starts and once when Redis is back.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly logger = new Logger('RateLimit');
  private readonly fallback = new MemoryRateLimitStore();
  private readonly client;
  private readonly ready: Promise<unknown>;
  private degraded = false;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.client = reconnectingRedisClient(url);
    this.client.on('error', (err: Error) => this.degrade(err.message));
    this.client.on('ready', () => this.recover());
    // Waited for at most a second: a Redis that never answers must not hold logins up.
    const connected = this.client.connect().catch(() => undefined);
    this.ready = Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }

  async take(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    await this.ready;
    if (!this.client.isReady) return this.fallback.take(key, limit, windowMs);
    try {
      const now = Date.now();
      const wait = Number(
        await this.client.eval(SLIDING_WINDOW, {
          keys: [`${this.prefix}:ratelimit:${key}`],
          arguments: [String(now), String(windowMs), String(limit), `${now}-${randomUUID()}`],
        }),
      );
      return { allowed: wait === 0, retryAfterMs: Math.max(wait, 0) };
    } catch (err) {
      this.degrade((err as Error).message);
      return this.fallback.take(key, limit, windowMs);
    }
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close();
    else this.client.destroy();
  }

  private degrade(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`Redis unavailable (${reason}): rate limits are counted per instance until it is back.`);
  }

  private recover(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.log('Redis is back: rate limits are shared again.');
  }
}
