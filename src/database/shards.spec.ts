import { shardFor } from './shards';

const seen = (node: { index: number; size: number } | undefined, shards: number): number[] => {
  const out = new Set<number>();
  for (let i = 0; i < 2000; i++) out.add(shardFor(node, shards));
  return [...out].sort((a, b) => a - b);
};

describe('shardFor', () => {
  it('gives each node of a cluster its own shards, together all of them', () => {
    const mine = [0, 1, 2].map((index) => seen({ index, size: 3 }, 8));
    expect(mine).toEqual([
      [0, 3, 6],
      [1, 4, 7],
      [2, 5],
    ]);
  });

  it('uses every shard on a single server, or when the cluster has more nodes than shards', () => {
    expect(seen(undefined, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(seen({ index: 0, size: 1 }, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(seen({ index: 9, size: 10 }, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
