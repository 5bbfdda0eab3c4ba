import type { EntityManager } from 'typeorm';

/** `(?, ?, ?)` for an IN list: the SQLite driver does not expand arrays the way mysql2 does. */
export function sqlIn(values: readonly unknown[]): string {
  if (values.length === 0) throw new Error('sqlIn needs at least one value');
  return `(${values.map(() => '?').join(', ')})`;
}

export function isSqlite(type: string): boolean {
  return type === 'better-sqlite3' || type === 'sqlite';
}

/**
 * A join that keeps the tables in the order written. For a lookup that must start from the rows
 * asked for: left to itself, MariaDB may start from a small table and walk a whole subtree per
 * row (a root with settings has every customer below it in the closure table).
 */
export function fixedOrderJoin(type: string): string {
  return isSqlite(type) ? 'CROSS JOIN' : 'STRAIGHT_JOIN';
}

/** Raw queries return SQLite datetimes as UTC text without a zone, MySQL ones (timezone 'Z') as Date. */
export function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/**
 * The server could not be reached or could not serve at all (not a refusal of the statement): a
 * 503 for a request, and a reason to read from the primary instead of a replica.
 */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  // A Galera node that is not (yet) part of the primary component: "WSREP has not yet prepared node".
  'ER_UNKNOWN_COM_ERROR',
  'POOL_QUEUE_FULL',
  'POOL_WAIT_TIMEOUT',
]);

const UNIQUE_CODES = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** The database driver's error code, whether TypeORM wrapped the error (driverError) or not. */
export function driverErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return UNIQUE_CODES.has(driverErrorCode(err) ?? '');
}

const FOREIGN_KEY_CODES = new Set(['ER_NO_REFERENCED_ROW_2', 'ER_NO_REFERENCED_ROW', 'SQLITE_CONSTRAINT_FOREIGNKEY']);

/** A row refers to one that is not there (a parent deleted meanwhile). */
export function isForeignKeyViolation(err: unknown): boolean {
  return FOREIGN_KEY_CODES.has(driverErrorCode(err) ?? '');
}

/** Runs an UPDATE or DELETE and answers how many rows it changed (a raw query() answer loses that on SQLite). */
export async function changedRows(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).affected ?? 0;
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}
