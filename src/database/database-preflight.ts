import { Connection, createConnection } from 'mysql2/promise';
import type { DatabaseConfig } from '../config/database-url';
import { ConfigError } from '../config/env';
import { serverVersionProblem } from './server-version';

/**
 * Checked before migrations touch a MySQL/MariaDB database: the server must be new enough for the
 * schema (see server-version.ts), the database's default character set must be utf8mb4, or
 * every table would be created in it and the first emoji in a name would fail, and a Galera node
 * must check causality on reads. A database that cannot be reached yet is left to the data
 * source's own retries.
 */
export async function checkDatabaseServer(cfg: DatabaseConfig & { replicas?: DatabaseConfig[] }): Promise<void> {
  if (cfg.type !== 'mysql') return;
  for (const replica of cfg.replicas ?? []) await checkReadReplica(replica);
  const connection = await connectTo(cfg);
  if (!connection) return;
  try {
    const [versions] = await connection.query('SELECT VERSION() AS version');
    const tooOld = serverVersionProblem(String((versions as { version?: string }[])[0]?.version ?? ''));
    if (tooOld) throw new ConfigError(tooOld);
    const [rows] = await connection.query(
      'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [cfg.database],
    );
    await checkCausalReads(connection, 'primary', false);
    const charset = (rows as { charset?: string }[])[0]?.charset;
    if (charset && charset !== 'utf8mb4') {
      throw new ConfigError(
        `database '${cfg.database}' uses the character set ${charset}; names may hold any Unicode text, so it must be utf8mb4. ` +
          `Fix it with: ALTER DATABASE \`${cfg.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; (on an empty database)`,
      );
    }
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/**
 * A DATABASE_READ_URLS node must be a Galera node checking causality on reads: a replica that
 * applies writes later (asynchronous replication) could answer a client without the write it just
 * made. One that cannot be reached yet is left to the replica pool's own retries.
 */
async function checkReadReplica(cfg: DatabaseConfig): Promise<void> {
  if (cfg.type !== 'mysql') return;
  const connection = await connectTo(cfg);
  if (!connection) return;
  try {
    await checkCausalReads(connection, `read replica ${cfg.host}:${cfg.port}`, true);
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** A Galera node must wait for other nodes' writes before it reads; `mustBeGalera` for a read replica. */
async function checkCausalReads(connection: Connection, role: string, mustBeGalera: boolean): Promise<void> {
  const [wsrep] = await connection.query('SELECT @@GLOBAL.wsrep_on AS cluster, @@GLOBAL.wsrep_sync_wait AS syncWait').catch(() => [[]]);
  const galera = (wsrep as { cluster?: number | string; syncWait?: number | string }[])[0];
  const isGalera = galera !== undefined && Number(galera.cluster) === 1;
  if (mustBeGalera && !isGalera) {
    throw new ConfigError(
      `DATABASE_READ_URLS: the ${role} is not a Galera node. Only nodes of the primary's Galera cluster are accepted: ` +
        'an asynchronous replica could answer a client without the write it just made.',
    );
  }
  // A Galera node applies other nodes' writes a moment after they commit: without causality
  // checks a logout made through one node could still be read as a live session through another.
  if (isGalera && (Number(galera.syncWait) & 1) === 0) {
    throw new ConfigError(
      `the ${role} database is a Galera node with wsrep_sync_wait=0, so a read could miss a write just made through another node ` +
        '(a logout, a password change). Set wsrep_sync_wait=1 in the nodes\' configuration (README: "Running several instances").',
    );
  }
}

/** A connection to the server, or undefined when it cannot be reached yet. */
async function connectTo(cfg: DatabaseConfig & { type: 'mysql' }): Promise<Connection | undefined> {
  try {
    return await createConnection({ host: cfg.host, port: cfg.port, user: cfg.username, password: cfg.password, connectTimeout: 5000 });
  } catch {
    return undefined;
  }
}
