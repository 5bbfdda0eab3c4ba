import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isSqlite } from './sql';
import { shardFor } from './shards';
import { sendWritesOneByOne } from './query-batch';

/** How often the node's place in its Galera cluster is read again (nodes join and leave). */
const REFRESH_MS = 10_000;

/**
 * Which Galera node this instance writes through, as its index among the cluster's nodes; none on
 * a single server. Counters split in shards (subtree sizes) are then written by each node in its
 * own shards: two nodes never add to one counter row at once, which Galera would certify as a
 * conflict and roll one back, while writers on one node simply wait on the row's lock.
 */
@Injectable()
export class ClusterNodeService implements OnModuleInit, OnApplicationShutdown {
  private node?: { index: number; size: number };
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    if (isSqlite(this.db.options.type)) return;
    await this.refresh();
    if (this.node) this.timer = setInterval(() => void this.refresh(), REFRESH_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** A shard in [0, shards) for this node's writes: one of its own on Galera, any elsewhere. */
  shard(shards: number): number {
    return shardFor(this.node, shards);
  }

  private async refresh(): Promise<void> {
    try {
      const rows: { Variable_name: string; Value: string }[] = await this.db.query(
        "SHOW STATUS WHERE Variable_name IN ('wsrep_local_index', 'wsrep_cluster_size')",
      );
      const value = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value);
      const index = value('wsrep_local_index');
      const size = value('wsrep_cluster_size');
      this.node = Number.isInteger(index) && Number.isInteger(size) && size > 0 && index < size ? { index, size } : undefined;
      // Once known to be Galera, its write transactions send their statements one by one (QueryBatch).
      if (this.node) sendWritesOneByOne(this.db);
    } catch {
      // Unreachable for now: keep what was known.
    }
  }
}
