import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A client for the app's long-lived Redis connections: a connect that gives up after 2 s, then
 * retries every 200 ms, backing off to every 5 s, for as long as the process runs.
 */
export function reconnectingRedisClient(url: string): RedisClient {
  return createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(retries * 200, 5000) } });
}
