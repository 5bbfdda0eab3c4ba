import { randomUUID } from 'node:crypto';
import { TestDatabase } from './test-database';

/** A small deterministic PRNG, so a failing large-tree run can be reproduced. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeededNode {
  id: string;
  parentId: string | null;
  tagIds: string[];
}

async function insertRows(db: TestDatabase, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    const batch = rows.slice(i, i + 400);
    const marks = batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await db.execute(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${marks}`, batch.flat());
  }
}

const nameOf = (i: number): string => `Seeded ${String(i).padStart(5, '0')}`;

/**
 * Seeds a random forest of `count` customers straight into the database, with closure rows
 * derived from the parent pointers, and tags each customer with each tag at random.
 */
export async function seedForest(db: TestDatabase, accountId: string, count: number, tagIds: string[], seed = 42): Promise<SeededNode[]> {
  const random = prng(seed);
  const nodes: SeededNode[] = [];
  const now = '2026-01-01 00:00:00.000';
  for (let i = 0; i < count; i++) {
    const parentId = i < 20 || random() < 0.01 ? null : nodes[Math.floor(random() * nodes.length)].id;
    nodes.push({ id: randomUUID(), parentId, tagIds: tagIds.filter(() => random() < 0.35) });
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  await insertRows(
    db,
    'customers',
    [
      'id',
      'account_id',
      'parent_customer_id',
      'name',
      'is_staging',
      'override_billing_settings',
      'override_app_settings',
      'date_created',
      'date_last_modified',
    ],
    nodes.map((n, i) => [n.id, accountId, n.parentId, nameOf(i), 0, 0, 0, now, now]),
  );
  const closure: unknown[][] = [];
  const sizes = new Map<string, number>();
  nodes.forEach((n, i) => {
    let depth = 0;
    for (let at: SeededNode | undefined = n; at; at = at.parentId ? byId.get(at.parentId) : undefined) {
      closure.push([at.id, n.id, depth++, nameOf(i)]);
      sizes.set(at.id, (sizes.get(at.id) ?? 0) + 1);
    }
  });
  await insertRows(db, 'customer_closure', ['ancestor_id', 'descendant_id', 'depth', 'descendant_name'], closure);
  await insertRows(
    db,
    'customer_subtree_sizes',
    ['customer_id', 'shard', 'size'],
    [...sizes].map(([id, size]) => [id, 0, size]),
  );
  await insertRows(
    db,
    'customer_tags',
    ['customer_id', 'tag_id'],
    nodes.flatMap((n) => n.tagIds.map((t) => [n.id, t])),
  );
  return nodes;
}

/** Descendants by walking parent pointers: independent of the closure table under test. */
export function bruteForceDescendants(nodes: SeededNode[], parentIds: string[]): Set<string> {
  const parents = new Set(parentIds);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Set<string>();
  for (const n of nodes) {
    for (let at = n.parentId ? byId.get(n.parentId) : undefined; at; at = at.parentId ? byId.get(at.parentId) : undefined) {
      if (parents.has(at.id)) {
        out.add(n.id);
        break;
      }
    }
  }
  return out;
}
