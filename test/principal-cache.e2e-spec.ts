import { randomBytes } from 'node:crypto';
import { createAccount, createCustomer, createUser, loginAdmin } from './support/factories';
import { FaultProxy } from './support/fault-proxy';
import { queriesFor } from './support/query-log';
import { describeWithRedis, TEST_REDIS_URL } from './support/redis';
import { startTestApp, startTestAppOn, TestApp } from './support/test-app';
import { TEST_DB } from './support/test-database';

const until = async (what: string, ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!ok()) throw new Error(`never saw: ${what}`);
};

/**
 * Two instances on one database and one Redis, as behind a load balancer: each keeps the callers
 * it has seen, and a logout, a password or role change, a deletion on one ends them on the other
 * before the next request.
 */
describeWithRedis('the cache of callers across instances')('Callers cached per instance, forgotten on every instance at once (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let proxy: FaultProxy;

  beforeAll(async () => {
    const env = { REDIS_KEY_PREFIX: `voice-test-${randomBytes(4).toString('hex')}`, DATABASE_LOGGING: 'true' };
    const { hostname, port } = new URL(TEST_REDIS_URL);
    proxy = new FaultProxy({ host: hostname, port: Number(port || 6379) });
    // B reaches Redis through a proxy the last test cuts.
    const through = await proxy.start();
    a = await startTestApp({ ...env, REDIS_URL: TEST_REDIS_URL });
    b = await startTestAppOn(a.db, { ...env, REDIS_URL: `redis://127.0.0.1:${through}` });
    await until('both subscribed', () => [a, b].every((x) => /Subscribed to caller changes/.test(x.output())));
  });
  afterAll(async () => {
    b?.signal('SIGTERM');
    await b?.exited;
    await a?.stop();
    await proxy?.stop();
  });

  const on = (app: TestApp, token: string) => app.api.get('/customers?countPerPage=1', { token }).then((r) => r.status);

  it('reads a known caller from memory: GetCustomer is one round trip instead of two', async () => {
    const admin = await loginAdmin(b.api);
    const customer = await createCustomer(b.api, admin, { accountId: (await createAccount(b.api, admin)).id });
    await b.api.get(`/customers/${customer.id}`, { token: admin });
    const trips = await queriesFor(b, () => b.api.get(`/customers/${customer.id}`, { token: admin }));
    // On SQLite a batch runs its statements one by one: only fewer can be asserted there.
    if (TEST_DB === 'mysql') expect(trips).toBe(1);
    expect(trips).toBeLessThan(await queriesFor(a, () => a.api.get(`/customers/${customer.id}`, { token: admin })));
  });

  it('ends a session logged out on the other instance before the next request', async () => {
    const token = await loginAdmin(a.api);
    expect(await on(b, token)).toBe(200);
    expect(await on(b, token)).toBe(200);
    expect((await a.api.post('/auth/logout', {}, { token })).status).toBe(200);
    expect(await on(b, token)).toBe(401);
  });

  it('ends the sessions of a user whose password or roles change, or who is deleted, on the other instance at once', async () => {
    const admin = await loginAdmin(a.api);
    const account = await createAccount(a.api, admin);
    for (const change of [{ password: 'another-password-1' }, { roles: ['SystemAdministrator'] }, null]) {
      const user = await createUser(a.api, admin, { accountId: account.id, roles: ['Manager'] });
      expect(await on(b, user.token)).toBe(200);
      const res = change
        ? await a.api.patch(`/users/${user.id}`, change, { token: admin })
        : await a.api.delete(`/users/${user.id}`, { token: admin });
      expect(res.status).toBe(200);
      expect(await on(b, user.token)).toBe(401);
    }
  });

  it('reads every caller from the database while its subscription is down, and caches again once it is back', async () => {
    const token = await loginAdmin(a.api);
    expect(await on(b, token)).toBe(200);
    proxy.cut();
    await until('the subscription lost', () => /Redis subscription lost/.test(b.output()));
    // A logs out while B cannot hear it: B must not answer from what it remembered.
    expect((await a.api.post('/auth/logout', {}, { token })).status).toBe(200);
    expect(await on(b, token)).toBe(401);
    proxy.restore();
    await until('the subscription back', () => /Redis subscription is back/.test(b.output()));
    const again = await loginAdmin(a.api);
    expect(await on(b, again)).toBe(200);
    expect((await a.api.post('/auth/logout', {}, { token: again })).status).toBe(200);
    expect(await on(b, again)).toBe(401);
  });
});
