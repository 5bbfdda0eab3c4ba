import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { databaseConfig, DatabaseConfig } from '../config/database.config';
import { boundPool, poolOf, PoolStats, QueryTimer } from './pool-bounds';

/** Puts the configured bounds on the MySQL pool once the data source is up, and reports what it does. */
@Injectable()
export class DatabaseBoundsService implements OnModuleInit {
  private stats?: () => PoolStats;
  private readonly timers: QueryTimer[] = [];

  constructor(
    private readonly db: DataSource,
    @Inject(databaseConfig.KEY) private readonly cfg: DatabaseConfig,
  ) {}

  onModuleInit(): void {
    const pool = poolOf(this.db);
    if (pool && this.cfg.bounds) this.stats = boundPool(pool, this.cfg.bounds, (seconds) => this.timers.forEach((t) => t(seconds)));
  }

  /** The MySQL pool's connections and waiting requests; none on SQLite (one connection, no pool). */
  poolStats(): PoolStats | undefined {
    return this.stats?.();
  }

  /** Calls `timer` with each MySQL query's duration. */
  onQuery(timer: QueryTimer): void {
    this.timers.push(timer);
  }
}
