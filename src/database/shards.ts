import { randomInt } from 'node:crypto';

/** Node i of n takes the shards i, i + n, i + 2n, …; without a cluster (or more nodes than shards), any. */
export function shardFor(node: { index: number; size: number } | undefined, shards: number): number {
  if (!node || node.size < 2 || node.index >= shards) return randomInt(shards);
  return node.index + node.size * randomInt(Math.ceil((shards - node.index) / node.size));
}
