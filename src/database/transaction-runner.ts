import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { driverErrorCode, isSqlite } from './sql';
import { Connection, QueryBatch } from './query-batch';
import { currentRequestContext } from '../common/http/request-context';

/**
 * MySQL/MariaDB answers these when another transaction won a race; the loser may simply run again.
 * On Galera a transaction that lost certification to another node's, or was aborted by one being
 * applied, is told ER_LOCK_DEADLOCK too.
 */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_LOCK_NOWAIT']);
/** Under a burst of creates on three Galera nodes, about one attempt in five loses: eight make a 503 very rare. */
const MAX_ATTEMPTS = 8;
/** The longest pause between two attempts (the pause doubles from ~20 ms, with jitter). */
const MAX_BACKOFF_MS = 250;

/**
 * Runs work in one transaction; every write goes through here. SQLite has a single connection:
 * transactions from concurrent requests are queued here, instead of failing with "cannot start a
 * transaction within a transaction" or, worse, a write outside any transaction landing inside
 * another request's transaction and being rolled back with it. On MySQL a deadlock or lock
 * timeout rolls the whole transaction back, so it is run again (bounded, with jitter; on Galera, a
 * transaction that lost certification too); clients see
 * one only when the database keeps refusing. Work must therefore touch nothing but the database.
 * Inside the work the transaction is ambient: `manager` answers it to whoever asks.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly ambient = new AsyncLocalStorage<EntityManager>();

  /**
   * The manager of the transaction the calling code runs in (carried with its async work, not
   * passed from method to method), else the pool's: repositories and services ask for it instead
   * of taking an EntityManager parameter.
   */
  get manager(): EntityManager {
    const m = this.ambient.getStore();
    // Work that outlived its transaction (a timer started inside it) falls back to the pool.
    return m && !m.queryRunner?.isReleased ? m : this.db.manager;
  }

  constructor(private readonly db: DataSource) {}

  /** Runs `work` (and the async work it starts) with `manager` ambient: a read replica's, say. */
  readingFrom<T>(manager: EntityManager, work: () => T): T {
    return this.ambient.run(manager, work);
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!isSqlite(this.db.options.type)) return this.withRetries(work);
    const result = this.tail.then(() => this.db.transaction((m) => this.withinRequest(m, work)));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Work that is one QueryBatch (`fill` queues its statements and resolves once they ran). On
   * MySQL/MariaDB, unless the request adds steps of its own to its writes (an Idempotency-Key, an
   * If-Match), START TRANSACTION and COMMIT ride in the batch: the whole write is one round trip.
   * A failed statement stops the ones after it, COMMIT included; the transaction is then rolled
   * back before the connection goes back to the pool, and run again like any other.
   */
  runBatch<T>(fill: (batch: QueryBatch) => Promise<T>): Promise<T> {
    const send = async (on: Connection, tx?: { begin: true; write: true; commit: true }): Promise<T> => {
      const batch = new QueryBatch();
      const result = fill(batch);
      await Promise.all([batch.run(on, tx), result]);
      return result;
    };
    const context = currentRequestContext();
    if (isSqlite(this.db.options.type) || context?.beforeWrite || context?.afterWrite) return this.run((m) => send(m));
    return this.retrying(async () => {
      const runner = this.db.createQueryRunner();
      try {
        return await send(runner, { begin: true, write: true, commit: true });
      } catch (err) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        await runner.release();
      }
    });
  }

  private withRetries<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.retrying(() => this.db.transaction((m) => this.withinRequest(m, work)));
  }

  private async retrying<T>(attemptOnce: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOnce();
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(driverErrorCode(err) ?? '')) throw err;
        await new Promise((r) => setTimeout(r, Math.min(MAX_BACKOFF_MS, 10 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  }

  /** The request's own steps inside the transaction (an idempotency record), committed with the work. */
  private async withinRequest<T>(m: EntityManager, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ambient.run(m, async () => {
      const context = currentRequestContext();
      await context?.beforeWrite?.(m);
      const result = await work(m);
      await context?.afterWrite?.(m, result);
      return result;
    });
  }
}
