import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const SEED = join(__dirname, '../dist/src/cli/seed-demo.js');
const env = (url: string) => ({ PATH: process.env.PATH, DATABASE_URL: url, JWT_SECRET: 'e2e-test-secret-that-is-at-least-32-bytes-long' });

describe('npm run seed:demo (e2e)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let output: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const run = spawnSync(process.execPath, [SEED], { env: env(db.url), encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    output = run.stdout;
    app = await startTestApp({ DATABASE_URL: db.url });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  const loginOf = (role: string): { email: string; password: string } => {
    const [, email, password] = new RegExp(`^\\s+${role}\\s+(\\S+)\\s+(\\S+)`, 'm').exec(output)!;
    return { email, password };
  };
  const tokenOf = async (role: string) => {
    const { email, password } = loginOf(role);
    const res = await app.api.post('/auth/credentials', { userName: email, password });
    expect(res.status).toBe(200);
    return res.body.bearerToken as string;
  };

  it('prints how to log in as a user of each role, and each login works', async () => {
    expect(output).toMatch(/Log in .* as:/);
    for (const role of ['SystemAdministrator', 'Manager', 'Customer']) {
      const me = (await app.api.get('/auth', { token: await tokenOf(role) })).body;
      expect(me.roles).toEqual([role]);
    }
  });

  it('fills a believable reseller: accounts, a customer tree with tags, data and schedules, scoped per role', async () => {
    const admin = await tokenOf('SystemAdministrator');
    const accounts = (await app.api.get('/accounts', { token: admin })).body.items.map((a: { name: string }) => a.name).sort();
    expect(accounts).toEqual(['Bluebird Telecom', 'Northwind Communications']);
    const customers = (await app.api.get('/customers?all=true', { token: await tokenOf('Manager') })).body.items;
    expect(customers).toHaveLength(6);
    const harbor = customers.find((c: { name: string }) => c.name === 'Acme Dental – Harbor');
    expect(harbor.breadcrumb.map((b: { name: string }) => b.name)).toEqual(['Acme Dental Group', 'Acme Dental – Harbor']);
    expect(harbor.tags.map((t: { name: string }) => t.name).sort()).toEqual(['Churn risk', 'VIP']);
    const mine = (await app.api.get('/customers?all=true', { token: await tokenOf('Customer') })).body.items;
    expect(mine.map((c: { name: string }) => c.name).sort()).toEqual(
      ['Acme Dental – Downtown', 'Acme Dental – Harbor', 'Acme Dental Group'].sort(),
    );
    const group = mine.find((c: { name: string }) => c.name === 'Acme Dental Group');
    expect(group.data.plan).toEqual({ stringValue: 'gold' });
    const state = await app.api.get(`/customers/${harbor.id}/schedule-state?at=2026-12-25T10:00:00`, { token: admin });
    expect(state.body).toMatchObject({ stateName: 'Closed', timeZoneId: 'Europe/London', ruleName: 'Christmas Day' });
  });

  it('refuses a database that already has accounts', () => {
    const again = spawnSync(process.execPath, [SEED], { env: env(db.url), encoding: 'utf8', timeout: 60_000 });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/seed:demo fills an empty database; this one already has 2 account\(s\)/);
  });
});
