import type { DataSource } from 'typeorm';
import type { DatabaseBounds } from '../config/database-url';

/** The parts of mysql2's callback pool and connection this module touches. */
interface PoolConnection {
  query: (...args: unknown[]) => unknown;
  destroy(): void;
  release(): void;
}
type Callback = (err: Error | null, connection?: PoolConnection) => void;
interface Pool {
  getConnection(cb: Callback): void;
  /** mysql2's own bookkeeping, read for metrics only. */
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
}

/** What the pool is doing, for /metrics. */
export interface PoolStats {
  inUse: number;
  idle: number;
  waiting: number;
}

/** Told how long each query took, in seconds. */
export type QueryTimer = (seconds: number) => void;

const GUARDED = Symbol('guarded');

const unavailable = (code: string, message: string): Error => Object.assign(new Error(message), { code });

/**
 * A connection whose query timed out may still have its query running (or its bytes stuck on a
 * frozen network): it is destroyed rather than handed to the next request.
 */
function destroyOnTimeout(connection: PoolConnection & { [GUARDED]?: true }, timed: QueryTimer): void {
  if (connection[GUARDED]) return;
  connection[GUARDED] = true;
  const query = connection.query.bind(connection);
  connection.query = (...args: unknown[]) => {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last] as (err: { code?: string } | null, ...rest: unknown[]) => void;
      const started = process.hrtime.bigint();
      args[last] = (err: { code?: string } | null, ...rest: unknown[]) => {
        timed(Number(process.hrtime.bigint() - started) / 1e9);
        if (err?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
        cb(err, ...rest);
      };
    }
    return query(...args);
  };
}

/**
 * mysql2's pool waits for a free connection forever and queues without limit. This bounds both:
 * a request waits at most `poolWaitMs` (then a 503), and beyond `poolQueueLimit` waiting requests
 * the next is refused at once (load shed, a 503), so a stalled database cannot pile requests up.
 */
export function boundPool(pool: Pool, bounds: DatabaseBounds, timed: QueryTimer = () => undefined): () => PoolStats {
  const getConnection = pool.getConnection.bind(pool);
  let waiting = 0;
  pool.getConnection = (cb: Callback) => {
    if (waiting >= bounds.poolQueueLimit) {
      cb(unavailable('POOL_QUEUE_FULL', 'Too many requests are waiting for the database.'));
      return;
    }
    waiting++;
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      waiting--;
      cb(unavailable('POOL_WAIT_TIMEOUT', `No database connection became free within ${bounds.poolWaitMs} ms.`));
    }, bounds.poolWaitMs);
    getConnection((err, connection) => {
      if (settled) {
        // Too late for the request that asked: give it back for the next one.
        connection?.release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      waiting--;
      if (connection) destroyOnTimeout(connection, timed);
      cb(err, connection);
    });
  };
  return () => {
    const all = pool._allConnections?.length ?? 0;
    const idle = pool._freeConnections?.length ?? 0;
    return { inUse: all - idle, idle, waiting };
  };
}

/** The mysql2 pool behind a data source; none on SQLite. */
export function poolOf(ds: DataSource): Pool | undefined {
  return (ds.driver as unknown as { pool?: Pool }).pool;
}
