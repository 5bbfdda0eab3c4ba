import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { databaseConfig, DatabaseConfig } from '../config/database.config';
import { boundPool } from './pool-bounds';

/** Puts the configured bounds on the MySQL pool once the data source is up. */
@Injectable()
export class DatabaseBoundsService implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    @Inject(databaseConfig.KEY) private readonly cfg: DatabaseConfig,
  ) {}

  onModuleInit(): void {
    const pool = (this.db.driver as unknown as { pool?: Parameters<typeof boundPool>[0] }).pool;
    if (pool && this.cfg.bounds) boundPool(pool, this.cfg.bounds);
  }
}
