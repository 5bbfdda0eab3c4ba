import type { DataSource, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import { isSqlite } from './sql';

/** What reads need of a connection: `EntityManager`, `QueryRunner` and `QueryBatch` all have it. */
export interface Queryable {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

/** A connection a batch can be sent on, which says what database it reaches (`EntityManager`, `QueryRunner`). */
export interface Connection extends Queryable {
  connection: { options: { type: string } };
}

/**
 * Databases whose write transactions must not send their statements together: Galera. A
 * transaction another node's write aborts in the middle of a multi-statement query was seen to go
 * on answering OK, and its COMMIT too, for a transaction that was rolled back (a create answered
 * 200 that does not exist, about one in 130 racing pairs); statement by statement, the abort is
 * always reported. Read-only snapshots hold no locks to be aborted for and keep their one round trip.
 */
const writesOneByOne = new WeakSet<object>();

export function sendWritesOneByOne(db: object): void {
  writesOneByOne.add(db);
}

interface Pending {
  sql: string;
  params: unknown[];
  resolve: (rows: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Statements collected and sent together: on MySQL/MariaDB one multi-statement query, one round
 * trip however many; on SQLite, which runs in-process, one after the other. Callers call `query`
 * as they would on a manager, all before their first `await`, then the owner calls `run`, awaiting
 * it together with what it builds from the results (`Promise.all`), so that when the batch fails
 * (a write that fails stops the statements after it) no derived promise is left rejected unheard.
 */
export class QueryBatch implements Queryable {
  private pending: Pending[] = [];

  query<T = unknown>(sql: string, params: unknown[] = []): Promise<T> {
    const answer = new Promise<T>((resolve, reject) =>
      this.pending.push({ sql: sql.trim().replace(/;$/, ''), params, resolve: (rows) => resolve(rows as T), reject }),
    );
    // When the batch fails, `run` throws to its caller; a read nobody awaits then must not also crash the process.
    answer.catch(() => undefined);
    return answer;
  }

  /**
   * Sends what was collected. `begin`/`commit` put a read-only snapshot's START (or, with `write`,
   * a read-write transaction's) and COMMIT into the same round trip (MySQL only: SQLite has no
   * concurrent writer to hide, and its transactions are TransactionRunner's).
   */
  async run(on: Connection, tx: { begin?: boolean; write?: boolean; commit?: boolean } = {}): Promise<void> {
    const parts = this.pending;
    this.pending = [];
    if (isSqlite(on.connection.options.type)) {
      for (const p of parts) await on.query(p.sql, p.params).then(p.resolve, p.reject);
      return;
    }
    const inTransaction = (on as { queryRunner?: QueryRunner }).queryRunner?.isTransactionActive || (on as QueryRunner).isTransactionActive;
    if (writesOneByOne.has(on.connection) && (tx.write || inTransaction)) return runOneByOne(on, parts, tx);
    const statements = [
      ...(tx.begin ? [tx.write ? 'START TRANSACTION' : 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY'] : []),
      ...parts.map((p) => p.sql),
      ...(tx.commit ? ['COMMIT'] : []),
    ];
    if (!statements.length) return;
    let results: unknown[];
    try {
      const raw = await on.query<unknown[]>(
        statements.join(';\n'),
        parts.flatMap((p) => p.params),
      );
      // One statement answers its rows; several answer one result per statement.
      results = statements.length === 1 ? [raw] : raw;
    } catch (err) {
      parts.forEach((p) => p.reject(err));
      throw err;
    }
    const offset = tx.begin ? 1 : 0;
    parts.forEach((p, i) => p.resolve(results[i + offset]));
  }
}

/** The same statements, each its own round trip; the first that fails stops the rest and is thrown. */
async function runOneByOne(on: Connection, parts: Pending[], tx: { begin?: boolean; write?: boolean; commit?: boolean }): Promise<void> {
  try {
    if (tx.begin) await on.query(tx.write ? 'START TRANSACTION' : 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    for (const p of parts) p.resolve(await on.query(p.sql, p.params));
    if (tx.commit) await on.query('COMMIT');
  } catch (err) {
    parts.forEach((p) => p.reject(err));
    throw err;
  }
}

/** An INSERT of one entity, with the driver's own conversions: a statement a QueryBatch can carry. */
export function insertOf<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, value: T): { sql: string; params: unknown[] } {
  const meta = db.getMetadata(entity);
  const columns = meta.columns.filter((c) => (value as Record<string, unknown>)[c.propertyName] !== undefined);
  return {
    sql: `INSERT INTO ${meta.tableName} (${columns.map((c) => c.databaseName).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    params: columns.map((c) => db.driver.preparePersistentValue((value as Record<string, unknown>)[c.propertyName], c)),
  };
}

/** Rows of a raw query as entities, with the driver's own conversions (JSON, booleans, dates). */
export function hydrate<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, rows: Record<string, unknown>[]): T[] {
  const meta = db.getMetadata(entity);
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const column of meta.columns) {
      if (column.databaseName in row) out[column.propertyName] = db.driver.prepareHydratedValue(row[column.databaseName], column);
    }
    return out as T;
  });
}

/**
 * Reads in one snapshot with as few round trips as there are batches: on MySQL/MariaDB the first
 * batch opens a read-only consistent snapshot and the last commits it, on one connection.
 */
export async function inReadSnapshot<T>(
  db: DataSource,
  work: (send: (batch: QueryBatch, last?: boolean) => Promise<void>) => Promise<T>,
): Promise<T> {
  if (isSqlite(db.options.type)) return work((batch) => batch.run(db.manager));
  const runner: QueryRunner = db.createQueryRunner();
  let open = false;
  try {
    return await work(async (batch, last = false) => {
      const begin = !open;
      open = true;
      await batch.run(runner, { begin, commit: last });
      if (last) open = false;
    });
  } finally {
    // A snapshot left open (a refusal after the first batch, a failure) must not go back to the pool.
    if (open) await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}
