import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../src/config/database-url';
import { buildDataSourceOptions, MIGRATIONS } from '../src/database/data-source-options';
import { createAccount, createCustomer, loginAdmin } from './support/factories';
import { hierarchyDisagreements } from './support/hierarchy-invariants';
import { startTestApp, startTestAppOn, TEST_JWT_SECRET, TestApp } from './support/test-app';
import { createTestDatabase, TEST_DB } from './support/test-database';

/** The database as the release before a migration left it: migrations undone by their own `down`, down to `name`. */
async function undoMigrationsThrough(url: string, name: string): Promise<void> {
  const ds = new DataSource({ ...buildDataSourceOptions(parseDatabaseUrl(url)) });
  await ds.initialize();
  try {
    for (;;) {
      const [last] = await ds.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1');
      await ds.undoLastMigration();
      if (last.name === name) break;
    }
  } finally {
    await ds.destroy();
  }
}

const MAIN = join(__dirname, '../dist/src/main.js');

describe('Upgrading a database that already holds customers (e2e)', () => {
  let app: TestApp | undefined;
  afterAll(() => app?.stop());

  it('fills the subtree order and sizes of existing customers (SubtreeOrderAndSizes)', async () => {
    const before = await startTestApp();
    app = before;
    const token = await loginAdmin(before.api);
    const account = await createAccount(before.api, token);
    const root = await createCustomer(before.api, token, { accountId: account.id, name: 'root' });
    const names = ['delta', 'alpha', 'charlie', 'bravo', 'echo'];
    const made = [root];
    for (const [i, name] of names.entries())
      made.push(await createCustomer(before.api, token, { parentCustomerId: made[i >> 1].id, name }));
    before.signal('SIGTERM');
    await before.exited;

    await undoMigrationsThrough(before.db.url, 'SubtreeOrderAndSizes1764400000000');
    const columns = await before.db.query<{ name?: string; COLUMN_NAME?: string }>(
      before.db.url.startsWith('sqlite:')
        ? `SELECT name FROM pragma_table_info('customer_closure')`
        : `SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'customer_closure'`,
    );
    expect(columns.map((c) => c.name ?? c.COLUMN_NAME)).not.toContain('descendant_name');

    app = await startTestAppOn(before.db);
    expect(await hierarchyDisagreements(app.db)).toEqual([]);
    const page = await app.api.get(`/customers?parentCustomerIds=${root.id}&countPerPage=3`, { token: await loginAdmin(app.api) });
    expect(page.status).toBe(200);
    expect(page.body.totalCount).toBe(names.length);
    expect(page.body.items.map((c: { name: string }) => c.name)).toEqual(['alpha', 'bravo', 'charlie']);
  });
});

describe('Migrations when instances start together, and a schema newer than the build (e2e)', () => {
  it('migrates once when three instances start at the same moment on an empty database', async () => {
    const db = await createTestDatabase();
    const apps = await Promise.all([1, 2, 3].map(() => startTestAppOn(db)));
    try {
      const applied = apps.filter((a) => /Applied InitialSchema/.test(a.output()));
      expect(applied).toHaveLength(1);
      const rows = await db.query<{ name: string; n: number | string }>('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name');
      expect(rows.length).toBe(MIGRATIONS.length);
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
      // Every instance serves, and the administrator was created once.
      for (const app of apps) expect(await loginAdmin(app.api)).toEqual(expect.any(String));
      const [admins] = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM users WHERE email = 'root@voice.test'`);
      expect(Number(admins.n)).toBe(1);
    } finally {
      for (const app of apps.slice(1)) {
        app.signal('SIGTERM');
        await app.exited;
      }
      await apps[0].stop();
    }
  });

  (TEST_DB === 'mysql' ? it : it.skip)('gives every table a primary key (Galera replicates no table without one)', async () => {
    const app = await startTestApp();
    try {
      const keyless = await app.db.query<{ name: string }>(
        `SELECT t.TABLE_NAME AS name FROM information_schema.TABLES t
          WHERE t.TABLE_SCHEMA = DATABASE() AND NOT EXISTS (
            SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c
             WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')`,
      );
      expect(keyless).toEqual([]);
      expect(await app.db.count('schema_migration_lock')).toBe(0);
    } finally {
      await app.stop();
    }
  });

  it('refuses to start, touching nothing, on a schema that a newer build migrated', async () => {
    const app = await startTestApp();
    try {
      app.signal('SIGTERM');
      await app.exited;
      await app.db.execute(`INSERT INTO migrations (timestamp, name) VALUES (1999999999999, 'FromTheFuture1999999999999')`);
      const run = spawnSync(process.execPath, [MAIN], {
        env: { PATH: process.env.PATH, DATABASE_URL: app.db.url, PORT: '0', JWT_SECRET: TEST_JWT_SECRET },
        encoding: 'utf8',
        timeout: 20000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /Refusing to start: the database schema is newer than this build: it has migration\(s\) FromTheFuture1999999999999 that this build does not know/,
      );
      const rows = await app.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM migrations');
      expect(Number(rows[0].n)).toBe(MIGRATIONS.length + 1);
    } finally {
      await app.stop();
    }
  });
});
