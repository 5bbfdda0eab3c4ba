import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { createConnection } from 'mysql2/promise';
import Database from 'better-sqlite3';

export const TEST_DB = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test';

/** A throw-away database for one suite, and a way to look inside it. */
export interface TestDatabase {
  url: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  count(table: string): Promise<number>;
  /** Writes behind the app's back: for seeding large data sets, or a change no instance hears of. */
  execute(sql: string, params?: unknown[]): Promise<void>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  return TEST_DB === 'mysql' ? createMysqlDatabase() : createSqliteDatabase();
}

function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'voice-e2e-'));
  const file = join(dir, 'voice.sqlite');
  let db: Database.Database | undefined;
  const open = (): Database.Database => {
    if (!db) {
      db = new Database(file, { fileMustExist: true });
      db.pragma('busy_timeout = 10000');
    }
    return db;
  };
  const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    Promise.resolve(
      open()
        .prepare(sql)
        .all(...params) as T[],
    );
  return {
    url: `sqlite:${file}`,
    query,
    execute: (sql, params = []) => {
      open()
        .prepare(sql)
        .run(...params);
      return Promise.resolve();
    },
    count: async (table) => Number((await query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n),
    drop: () => {
      db?.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

async function createMysqlDatabase(): Promise<TestDatabase> {
  const server = new URL(TEST_MYSQL_URL);
  const name = `voice_e2e_${randomBytes(6).toString('hex')}`;
  const admin: Connection = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: decodeURIComponent(server.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.query(`USE \`${name}\``);
  const url = new URL(TEST_MYSQL_URL);
  url.pathname = `/${name}`;
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await admin.query(sql, params))[0] as T[];
  return {
    url: url.toString(),
    query,
    execute: async (sql, params = []) => {
      await admin.query(sql, params);
    },
    count: async (table) => Number((await query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
