import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { driverErrorCode, isSqlite } from './sql';
import { currentRequestContext } from '../common/http/request-context';

/** MySQL/MariaDB answers these when another transaction won a race; the loser may simply run again. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_LOCK_NOWAIT']);
const MAX_ATTEMPTS = 4;

/**
 * Runs work in one transaction; every write goes through here. SQLite has a single connection:
 * transactions from concurrent requests are queued here, instead of failing with "cannot start a
 * transaction within a transaction" or, worse, a write outside any transaction landing inside
 * another request's transaction and being rolled back with it. On MySQL a deadlock or lock
 * timeout rolls the whole transaction back, so it is run again (bounded, with jitter); clients see
 * one only when the database keeps refusing. Work must therefore touch nothing but the database.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!isSqlite(this.db.options.type)) return this.withRetries(work);
    const result = this.tail.then(() => this.db.transaction((m) => this.withinRequest(m, work)));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async withRetries<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((m) => this.withinRequest(m, work));
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(driverErrorCode(err) ?? '')) throw err;
        await new Promise((r) => setTimeout(r, 10 * 2 ** attempt * (0.5 + Math.random())));
      }
    }
  }

  /** The request's own steps inside the transaction (an idempotency record), committed with the work. */
  private async withinRequest<T>(m: EntityManager, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const context = currentRequestContext();
    await context?.beforeWrite?.(m);
    const result = await work(m);
    await context?.afterWrite?.(m, result);
    return result;
  }
}
