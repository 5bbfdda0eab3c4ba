import type { Connection } from 'mysql2/promise';
import { hierarchyDisagreements } from './hierarchy-invariants';
import type { TestDatabase } from './test-database';

/**
 * Whether the tree as stored on a node is a tree: no customer its own ancestor, no customer under
 * a parent that is gone, every closure row a path of parents, and the derived sizes and names
 * right (hierarchy-invariants.ts).
 */
export async function treeDisagreements(node: Connection): Promise<string[]> {
  const [customers] = (await node.query('SELECT id, parent_customer_id AS parentId FROM customers')) as unknown as [
    { id: string; parentId: string | null }[],
  ];
  const [closure] = (await node.query('SELECT ancestor_id AS a, descendant_id AS d, depth FROM customer_closure')) as unknown as [
    { a: string; d: string; depth: number }[],
  ];
  const parent = new Map(customers.map((c) => [c.id, c.parentId]));
  const wrong: string[] = [];
  const expected = new Set<string>();
  for (const c of customers) {
    const seen = new Set<string>();
    let at: string | null = c.id;
    for (let depth = 0; at !== null; depth++) {
      if (seen.has(at)) {
        wrong.push(`cycle through ${c.id}`);
        break;
      }
      seen.add(at);
      if (!parent.has(at)) {
        wrong.push(`${c.id} lies under ${at}, which is gone`);
        break;
      }
      expected.add(`${at}>${c.id}@${depth}`);
      at = parent.get(at) ?? null;
    }
  }
  const stored = new Set(closure.map((r) => `${r.a}>${r.d}@${Number(r.depth)}`));
  for (const path of expected) if (!stored.has(path)) wrong.push(`closure lacks ${path}`);
  for (const path of stored) if (!expected.has(path)) wrong.push(`closure has stray ${path}`);
  const asTestDb = { query: async (sql: string) => (await node.query(sql))[0] } as unknown as TestDatabase;
  return [...wrong, ...(await hierarchyDisagreements(asTestDb))];
}

/** Certification failures and brute-force aborts over the three nodes: conflicts Galera resolved. */
export async function conflicts(nodes: Connection[]): Promise<number> {
  let n = 0;
  for (const node of nodes) {
    const [rows] = (await node.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')",
    )) as unknown as [{ Value: string }[]];
    n += rows.reduce((sum, r) => sum + Number(r.Value), 0);
  }
  return n;
}

/** The same rows on every node (a dump of the tree's tables, in order). */
export async function dump(node: Connection): Promise<string> {
  const [a] = await node.query('SELECT id, parent_customer_id, name, reference_id FROM customers ORDER BY id');
  const [b] = await node.query('SELECT ancestor_id, descendant_id, depth FROM customer_closure ORDER BY ancestor_id, descendant_id');
  return JSON.stringify([a, b]);
}
