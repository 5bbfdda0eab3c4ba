import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { DataSource, Table } from 'typeorm';
import { ConfigError } from '../config/env';
import { driverErrorCode, isUniqueViolation } from './sql';

const LOCK_TABLE = 'schema_migration_lock';

/** How long an instance waits for another one's migrations before refusing to start. */
const WAIT_MS = 180_000;
/** A holder that stops renewing (it died) loses the lock after this long. */
const LEASE_MS = 30_000;

/**
 * Brings the schema up to this build's migrations, once, however many instances start together.
 * The lock is a row (one primary key, inserted by the holder and deleted when done) rather than
 * GET_LOCK, which on Galera locks one node only: two nodes inserting it at once conflict at
 * certification or on the key, so one wins everywhere. The holder renews a lease while it works,
 * so a holder that died stops blocking after LEASE_MS. A database whose schema is newer than
 * this build (a migration it does not know) is refused before anything is touched.
 */
export async function migrateOnce(ds: DataSource): Promise<void> {
  if (!pending(ds, await appliedMigrations(ds))) return;
  const logger = new Logger('Migrations');
  await ensureLockTable(ds);
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const deadline = Date.now() + WAIT_MS;
  let announced = false;
  while (!(await tryLock(ds, holder))) {
    if (Date.now() > deadline)
      throw new ConfigError(`another instance has held the schema migration lock for over ${WAIT_MS / 1000} s (table ${LOCK_TABLE})`);
    if (!announced) logger.log('Another instance is migrating the schema: waiting for it.');
    announced = true;
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 200));
  }
  const renewal = setInterval(() => void renew(ds, holder).catch(() => undefined), LEASE_MS / 3);
  try {
    // The previous holder may have migrated (or a newer build may have) while this one waited.
    if (!pending(ds, await appliedMigrations(ds))) return;
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (ran.length) logger.log(`Applied ${ran.map((m) => m.name).join(', ')}`);
  } finally {
    clearInterval(renewal);
    await ds.query(`DELETE FROM ${LOCK_TABLE} WHERE id = 1 AND holder = ?`, [holder]).catch(() => undefined);
  }
}

/** The names of the migrations the database has had, none when it has no migrations table yet. */
async function appliedMigrations(ds: DataSource): Promise<string[]> {
  const qr = ds.createQueryRunner();
  try {
    if (!(await qr.hasTable('migrations'))) return [];
  } finally {
    await qr.release();
  }
  const rows: { name: string }[] = await ds.query('SELECT name FROM migrations');
  return rows.map((r) => r.name);
}

/**
 * Whether the database lacks some of this build's migrations; refuses one that has migrations this
 * build does not know (a newer build migrated it). Read without creating anything: TypeORM's own
 * check creates its table, which instances starting together would race for.
 */
function pending(ds: DataSource, applied: string[]): boolean {
  const known = new Set(ds.migrations.map((m) => m.name ?? m.constructor.name));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length)
    throw new ConfigError(
      `the database schema is newer than this build: it has migration(s) ${unknown.join(', ')} that this build does not know. ` +
        'Run the build that applied them (or newer); an older build must not write to a newer schema.',
    );
  const has = new Set(applied);
  return [...known].some((name) => !has.has(name));
}

async function ensureLockTable(ds: DataSource): Promise<void> {
  const qr = ds.createQueryRunner();
  try {
    const columns = [
      { name: 'id', type: 'int', isPrimary: true },
      { name: 'holder', type: 'varchar', length: '120' },
      { name: 'expires_at', type: 'bigint' },
    ];
    await qr.createTable(new Table({ name: LOCK_TABLE, columns }), true);
  } catch (err) {
    // Another instance created it between the check and the CREATE: what was wanted.
    if (!(await qr.hasTable(LOCK_TABLE))) throw err;
  } finally {
    await qr.release();
  }
}

/** Takes the lock, or clears it if its holder's lease ran out; false while someone else holds it. */
async function tryLock(ds: DataSource, holder: string): Promise<boolean> {
  try {
    await ds.query(`INSERT INTO ${LOCK_TABLE} (id, holder, expires_at) VALUES (1, ?, ?)`, [holder, Date.now() + LEASE_MS]);
    return true;
  } catch (err) {
    // Taken: the row is there, or (Galera) another node's insert won certification.
    if (!isUniqueViolation(err) && driverErrorCode(err) !== 'ER_LOCK_DEADLOCK') throw err;
    await ds.query(`DELETE FROM ${LOCK_TABLE} WHERE id = 1 AND expires_at < ?`, [Date.now()]).catch(() => undefined);
    return false;
  }
}

async function renew(ds: DataSource, holder: string): Promise<void> {
  await ds.query(`UPDATE ${LOCK_TABLE} SET expires_at = ? WHERE id = 1 AND holder = ?`, [Date.now() + LEASE_MS, holder]);
}
