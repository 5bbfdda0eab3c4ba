import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { databaseConfig, DatabaseConfig } from '../config/database.config';
import { buildDataSourceOptions } from './data-source-options';
import { boundPool, poolOf } from './pool-bounds';

interface Replica {
  name: string;
  ds: DataSource;
  ready: boolean;
  /** After a connection-level failure it is left alone until then (ms since the epoch). */
  downUntil: number;
}

/** How long a replica that failed a read is passed over. */
const REST_MS = 5000;
/** How often a replica that could not be reached at start is tried again. */
const RECONNECT_MS = 2000;

/**
 * The DATABASE_READ_URLS pools: Galera nodes of the primary's cluster that serve the reads an
 * operation marks as free to go elsewhere (`readsFrom: 'replica'`). Each is bounded like the
 * primary's pool; they are taken in turn, and one that failed rests for a few seconds while
 * its reads go to the primary (ReadRoutingInterceptor).
 */
@Injectable()
export class ReadReplicas implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplicas');
  private readonly replicas: Replica[] = [];
  private next = 0;
  private closed = false;

  constructor(
    private readonly db: DataSource,
    @Inject(databaseConfig.KEY) private readonly cfg: DatabaseConfig & { replicas?: DatabaseConfig[] },
  ) {}

  onModuleInit(): void {
    const entities = this.db.entityMetadatas.map((m) => m.target);
    for (const replica of this.cfg.replicas ?? []) {
      if (replica.type !== 'mysql') continue;
      const ds = new DataSource({ ...buildDataSourceOptions({ ...replica, bounds: this.cfg.bounds }), migrations: [], entities });
      const entry: Replica = { name: `${replica.host}:${replica.port}`, ds, ready: false, downUntil: 0 };
      this.replicas.push(entry);
      void this.connect(entry);
    }
  }

  get configured(): boolean {
    return this.replicas.length > 0;
  }

  /** The next replica able to serve, or undefined (then the primary serves). */
  pick(): Replica | undefined {
    const now = Date.now();
    for (let i = 0; i < this.replicas.length; i++) {
      const r = this.replicas[(this.next + i) % this.replicas.length];
      if (r.ready && r.downUntil <= now) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return r;
      }
    }
    return undefined;
  }

  rest(replica: Replica, err: unknown): void {
    if (replica.downUntil <= Date.now())
      this.logger.warn(`Replica ${replica.name} failed (${String(err)}): reads go to the primary for ${REST_MS} ms.`);
    replica.downUntil = Date.now() + REST_MS;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await Promise.all(this.replicas.filter((r) => r.ds.isInitialized).map((r) => r.ds.destroy().catch(() => undefined)));
  }

  private async connect(replica: Replica): Promise<void> {
    while (!this.closed && !replica.ready) {
      try {
        await replica.ds.initialize();
        const pool = poolOf(replica.ds);
        if (pool && this.cfg.bounds) boundPool(pool, this.cfg.bounds);
        replica.ready = true;
        this.logger.log(`Replica ${replica.name} serves the reads that may go elsewhere.`);
      } catch (err) {
        this.logger.debug(`Replica ${replica.name} not reachable yet: ${String(err)}`);
        if (replica.ds.isInitialized) await replica.ds.destroy().catch(() => undefined);
        await new Promise((r) => setTimeout(r, RECONNECT_MS).unref());
      }
    }
  }
}
