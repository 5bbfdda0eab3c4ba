import { createAccount, createUser, loginAdmin } from './support/factories';
import { FaultProxy } from './support/fault-proxy';
import { startTwoInstances, TwoInstances, until } from './support/two-instances';
import { queriesFor } from './support/query-log';
import { describeWithRedis } from './support/redis';
import type { TestApp } from './support/test-app';
import { TEST_DB } from './support/test-database';

/**
 * Two instances on one database and one Redis, as behind a load balancer: each keeps the callers
 * it has seen, and a logout, a password or role change, a deletion on one ends them on the other
 * before the next request.
 */
describeWithRedis('the cache of callers across instances')('Callers cached per instance, forgotten on every instance at once (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let proxy: FaultProxy;

  let pair: TwoInstances;

  beforeAll(async () => {
    pair = await startTwoInstances();
    ({ a, b, proxy } = pair);
  });
  afterAll(() => pair?.stop());

  const on = (app: TestApp, token: string) => app.api.get('/customers?countPerPage=1', { token }).then((r) => r.status);

  it('reads a known caller from memory: a request makes one round trip fewer', async () => {
    const admin = await loginAdmin(b.api);
    const page = '/customers?countPerPage=1';
    await b.api.get(page, { token: admin });
    const known = await queriesFor(b, () => b.api.get(page, { token: admin }));
    const unknown = await queriesFor(a, () => a.api.get(page, { token: admin }));
    // On SQLite a batch runs its statements one by one: only fewer can be asserted there.
    if (TEST_DB === 'mysql') expect(known).toBe(unknown - 1);
    expect(known).toBeLessThan(unknown);
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
