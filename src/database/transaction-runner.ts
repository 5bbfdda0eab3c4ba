import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isSqlite } from './sql';

/**
 * Runs work in one transaction; every write goes through here. SQLite has a single connection:
 * transactions from concurrent requests are queued here, instead of failing with "cannot start a
 * transaction within a transaction" or, worse, a write outside any transaction landing inside
 * another request's transaction and being rolled back with it.
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
