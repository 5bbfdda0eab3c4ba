import { createConnection } from 'mysql2/promise';
import type { DatabaseConfig } from '../config/database-url';
import { ConfigError } from '../config/env';
import { serverVersionProblem } from './server-version';

/**
 * Checked before migrations touch a MySQL/MariaDB database: the server must be new enough for the
 * schema (see server-version.ts), and the database's default character set must be utf8mb4, or
 * every table would be created in it and the first emoji in a name would fail. A database that
 * cannot be reached yet is left to the data source's own retries.
 */
export async function checkDatabaseServer(cfg: DatabaseConfig): Promise<void> {
  if (cfg.type !== 'mysql') return;
  let connection;
  try {
    connection = await createConnection({
      host: cfg.host,
      port: cfg.port,
      user: cfg.username,
      password: cfg.password,
      connectTimeout: 5000,
    });
  } catch {
    return;
  }
  try {
    const [versions] = await connection.query('SELECT VERSION() AS version');
    const tooOld = serverVersionProblem(String((versions as { version?: string }[])[0]?.version ?? ''));
    if (tooOld) throw new ConfigError(tooOld);
    const [rows] = await connection.query(
      'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [cfg.database],
    );
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
