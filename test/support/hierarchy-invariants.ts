import type { TestDatabase } from './test-database';

/**
 * What the hierarchy's derived rows must agree on, whatever writes raced: every kept subtree size
 * equals the closure rows below that customer, and every closure row carries its descendant's
 * current name. Returns the disagreements (empty when consistent), so a failure shows them.
 */
export async function hierarchyDisagreements(db: TestDatabase): Promise<string[]> {
  const sizes = await db.query<{ id: string; kept: number | string | null; counted: number | string }>(
    `SELECT c.id,
            (SELECT SUM(s.size) FROM customer_subtree_sizes s WHERE s.customer_id = c.id) AS kept,
            (SELECT COUNT(*) FROM customer_closure cc WHERE cc.ancestor_id = c.id) AS counted
       FROM customers c`,
  );
  const names = await db.query<{ descendant_id: string }>(
    `SELECT cc.descendant_id FROM customer_closure cc JOIN customers c ON c.id = cc.descendant_id WHERE cc.descendant_name <> c.name`,
  );
  return [
    ...sizes.filter((r) => Number(r.kept ?? 0) !== Number(r.counted)).map((r) => `size of ${r.id}: kept ${r.kept}, counted ${r.counted}`),
    ...names.map((r) => `stale name in the closure rows of ${r.descendant_id}`),
  ];
}
