export interface RateDecision {
  allowed: boolean;
  /** When refused: how long until the oldest counted hit leaves the window. */
  retryAfterMs: number;
}

/**
 * A sliding window log: a hit is allowed while fewer than `limit` allowed hits fall in the last
 * `windowMs`, so no stretch of that length ever lets more through (a fixed window lets twice the
 * limit through across its boundary). Refused hits are not recorded, so the log never outgrows
 * the limit.
 */
export interface RateLimitStore {
  take(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  close(): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly logs = new Map<string, number[]>();

  take(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const now = Date.now();
    const log = (this.logs.get(key) ?? []).filter((t) => t > now - windowMs);
    const allowed = log.length < limit;
    if (allowed) log.push(now);
    this.logs.set(key, log);
    if (this.logs.size > 100_000) this.prune(now, windowMs);
    return Promise.resolve({ allowed, retryAfterMs: allowed ? 0 : log[0] + windowMs - now });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, log] of this.logs) if (!log.length || log[log.length - 1] <= now - windowMs) this.logs.delete(key);
  }
}
