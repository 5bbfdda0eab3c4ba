import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isSqlite } from './sql';

/**
 * Runs work in one transaction. SQLite has a single connection, so transactions from concurrent
 * requests are queued here instead of failing with "cannot start a transaction within a transaction".
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!isSqlite(this.db.options.type)) return this.db.transaction(work);
    const result = this.tail.then(() => this.db.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
