import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../src/config/database-url';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { createAccount, createCustomer, loginAdmin } from './support/factories';
import { hierarchyDisagreements } from './support/hierarchy-invariants';
import { startTestApp, startTestAppOn, TestApp } from './support/test-app';

/** The database as the release before a migration left it: the last migration undone by its own `down`. */
async function undoLastMigration(url: string): Promise<void> {
  const ds = new DataSource({ ...buildDataSourceOptions(parseDatabaseUrl(url)), migrationsRun: false });
  await ds.initialize();
  try {
    await ds.undoLastMigration();
  } finally {
    await ds.destroy();
  }
}

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

    await undoLastMigration(before.db.url);
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
