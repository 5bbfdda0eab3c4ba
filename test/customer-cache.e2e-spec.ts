import { EXAMPLE_APP_SETTINGS, EXAMPLE_BILLING, EXAMPLE_SCHEDULE } from '../src/openapi/examples';
import { createAccount, createCustomer, createUser, loginAdmin } from './support/factories';
import { FaultProxy } from './support/fault-proxy';
import { startTwoInstances, TwoInstances, until } from './support/two-instances';
import { queriesFor, queryLogFor } from './support/query-log';
import { describeWithRedis } from './support/redis';
import type { TestApp } from './support/test-app';
import { TEST_DB } from './support/test-database';

/**
 * Two instances on one database and one Redis, as behind a load balancer. Each keeps the customers
 * it has read; any change to existing customers through one (names, moves, settings, schedules,
 * tags, staging, accounts, deletions) is forgotten by both before its answer leaves, so the next
 * read, on either, is the database's. B reaches Redis through a proxy that one test cuts.
 */
describeWithRedis('the cache of customers across instances')(
  'Customers cached per instance, forgotten on every instance at once (e2e)',
  () => {
    let a: TestApp;
    let b: TestApp;
    let proxy: FaultProxy;
    let admin: string;

    let pair: TwoInstances;

    beforeAll(async () => {
      pair = await startTwoInstances();
      ({ a, b, proxy } = pair);
      admin = await loginAdmin(a.api);
    });
    afterAll(() => pair?.stop());

    const read = async (app: TestApp, id: string, token = admin) => {
      const res = await app.api.get(`/customers/${id}`, { token });
      return res.status === 200 ? res.body : res.status;
    };
    const page = async (app: TestApp, accountId: string) =>
      (await app.api.get(`/customers?accountIds=${accountId}&countPerPage=10`, { token: admin })).body;
    /** A parent with a child in a new account, both read through B (so cached there), and listed there. */
    const family = async () => {
      const account = await createAccount(a.api, admin);
      const parent = await createCustomer(a.api, admin, { accountId: account.id });
      const child = await createCustomer(a.api, admin, { parentCustomerId: parent.id });
      for (const c of [parent, child]) expect(await read(b, c.id)).toEqual(await read(a, c.id));
      expect(await page(b, account.id)).toEqual(await page(a, account.id));
      return { account, parent, child };
    };

    it('answers a customer it has read without the database, and a new one below it with writes only', async () => {
      const { parent } = await family();
      expect(await queriesFor(b, () => read(b, parent.id))).toBe(0);
      const trips = await queriesFor(b, () => createCustomer(b.api, admin, { parentCustomerId: parent.id }));
      // One batch on MySQL/MariaDB; SQLite runs its statements one by one: BEGIN, the row, its two closure inserts, sizes, COMMIT.
      expect(trips).toBe(TEST_DB === 'mysql' ? 1 : 6);
    });

    it('reads only the rows of a list page whose customers it has cached', async () => {
      const account = await createAccount(a.api, admin);
      for (let i = 0; i < 3; i++) await createCustomer(a.api, admin, { accountId: account.id });
      const details = /customer_tags|billing_items|scheduling_rules/;
      expect(await queryLogFor(b, () => page(b, account.id))).toMatch(details);
      const log = await queryLogFor(b, () => page(b, account.id));
      expect(log).toMatch(/query: /);
      expect(log).not.toMatch(details);
      expect((await page(b, account.id)).items).toHaveLength(3);
    });

    it("tells a new customer's details from its parent's exactly as they are read back", async () => {
      const account = await createAccount(a.api, admin, { billingSettings: EXAMPLE_BILLING });
      const tag = (await a.api.post('/tags', { accountId: account.id, name: 'VIP', color: 'Gold' }, { token: admin })).body;
      const top = await createCustomer(a.api, admin, { accountId: account.id });
      const parentPatch = { tagIds: [tag.id], schedule: EXAMPLE_SCHEDULE, overrideAppSettings: true, appSettings: EXAMPLE_APP_SETTINGS };
      const parent = await createCustomer(a.api, admin, { parentCustomerId: top.id });
      expect((await a.api.patch(`/customers/${parent.id}`, parentPatch, { token: admin })).status).toBe(200);
      for (const app of [a, b]) {
        const created = await createCustomer(app.api, admin, { parentCustomerId: parent.id, data: { plan: { stringValue: 'gold' } } });
        expect(created.breadcrumb.map((c: { name: string }) => c.name)).toEqual([top.name, parent.name, created.name]);
        expect(created.appSettings.pageTitle).toBe(EXAMPLE_APP_SETTINGS.pageTitle);
        expect(created.billingSettings.base.baseCost).toBe(EXAMPLE_BILLING.base.baseCost);
        expect(created.tags).toEqual([]);
        expect(created).toEqual(await read(app === a ? b : a, created.id));
      }
    });

    const changes: [string, (f: Awaited<ReturnType<typeof family>>) => Promise<unknown>, (child: any) => unknown][] = [
      [
        'a rename of the parent',
        (f) => a.api.patch(`/customers/${f.parent.id}`, { name: 'Renamed' }, { token: admin }),
        (c) => c.breadcrumb[0].name,
      ],
      [
        "the parent's billing settings",
        (f) =>
          a.api.patch(`/customers/${f.parent.id}`, { overrideBillingSettings: true, billingSettings: EXAMPLE_BILLING }, { token: admin }),
        (c) => c.billingSettings.base.baseCost,
      ],
      [
        "the child's schedule",
        (f) => a.api.patch(`/customers/${f.child.id}`, { schedule: EXAMPLE_SCHEDULE }, { token: admin }),
        (c) => c.schedule,
      ],
      [
        'a staging switch',
        (f) => a.api.post(`/customers/${f.child.id}/staging`, { isStaging: true }, { token: admin }),
        (c) => c.isStaging,
      ],
      [
        'a move to the top',
        (f) => a.api.patch(`/customers/${f.child.id}`, { parentCustomerId: null }, { token: admin }),
        (c) => c.breadcrumb.length,
      ],
      [
        'a rename of the account',
        (f) => a.api.patch(`/accounts/${f.account.id}`, { name: 'Renamed account' }, { token: admin }),
        (c) => c.accountName,
      ],
      [
        "the account's app settings",
        (f) => a.api.patch(`/accounts/${f.account.id}`, { appSettings: EXAMPLE_APP_SETTINGS }, { token: admin }),
        (c) => c.appSettings.pageTitle,
      ],
      [
        'tags given, deleted, renamed',
        async (f) => {
          const tag = async (name: string) =>
            (await a.api.post('/tags', { accountId: f.account.id, name, color: 'Gold' }, { token: admin })).body as { id: string };
          const [gold, old] = [await tag('Gold'), await tag('Old')];
          const names = async () => (await read(b, f.child.id)).tags.map((t: { name: string }) => t.name);
          await a.api.patch(`/customers/${f.child.id}`, { tagIds: [gold.id, old.id] }, { token: admin });
          expect(await names()).toEqual(['Gold', 'Old']);
          await a.api.delete(`/tags/${old.id}`, { token: admin });
          expect(await names()).toEqual(['Gold']);
          return a.api.patch(`/tags/${gold.id}`, { name: 'Platinum' }, { token: admin });
        },
        (c) => c.tags,
      ],
      ['a cascade delete of the parent', (f) => a.api.delete(`/customers/${f.parent.id}?cascade=true`, { token: admin }), (c) => c],
      ['a delete of the child', (f) => a.api.delete(`/customers/${f.child.id}`, { token: admin }), (c) => c],
    ];

    it.each(changes)('shows %s through the other instance at once', async (_what, change, seen) => {
      const f = await family();
      const before = seen(await read(b, f.child.id));
      expect((await change(f)) as { status: number }).toMatchObject({ status: 200 });
      const after = await read(b, f.child.id);
      // What B answers is what the database holds (A's fresh read), and it differs from before.
      expect(after).toEqual(await read(a, f.child.id));
      expect(seen(after)).not.toEqual(before);
      expect(await page(b, f.account.id)).toEqual(await page(a, f.account.id));
    });

    it('judges every caller against a cached customer by their own scope', async () => {
      const f = await family();
      const sibling = await createCustomer(a.api, admin, { parentCustomerId: f.parent.id });
      const other = await createAccount(a.api, admin);
      const outsider = await createUser(a.api, admin, { accountId: other.id, roles: ['Manager'] });
      const manager = await createUser(a.api, admin, { accountId: f.account.id, roles: ['Manager'] });
      const above = await createUser(a.api, admin, { customerId: f.parent.id, roles: ['Customer'] });
      const beside = await createUser(a.api, admin, { customerId: sibling.id, roles: ['Customer'] });
      expect(await queriesFor(b, () => read(b, f.child.id))).toBe(0);
      expect(await read(b, f.child.id, outsider.token)).toBe(404);
      expect(await read(b, f.child.id, beside.token)).toBe(404);
      expect((await read(b, f.child.id, manager.token)).id).toBe(f.child.id);
      expect((await read(b, f.child.id, above.token)).id).toBe(f.child.id);
      // A customer user creating below a customer outside their subtree finds no such parent.
      const res = await b.api.post('/customers', { parentCustomerId: f.child.id, name: 'Nope' }, { token: beside.token });
      expect(res.status).toBe(404);
    });

    it('stops answering from the cache when its subscription stalls, before a change elsewhere is answered', async () => {
      const f = await family();
      proxy.freeze();
      try {
        // A waits for B's confirmation, which cannot come; by the time A gives up, B has heard no heartbeat for long enough.
        expect((await a.api.patch(`/customers/${f.child.id}`, { name: 'Renamed while stalled' }, { token: admin })).status).toBe(200);
        expect((await read(b, f.child.id)).name).toBe('Renamed while stalled');
        expect(await queriesFor(b, () => read(b, f.child.id))).toBeGreaterThan(0);
      } finally {
        proxy.restore();
      }
      await until('heartbeats back', () => /Heartbeats from Redis are back/.test(b.output()));
      await read(b, f.child.id);
      expect(await queriesFor(b, () => read(b, f.child.id))).toBe(0);
    });

    it('checks If-Match against the database, not against what an instance has cached', async () => {
      const f = await family();
      const cached = await b.api.get(`/customers/${f.child.id}`, { token: admin });
      // A change this instance has not heard of (made behind the API's back, as a change racing the check would be).
      await a.db.execute('UPDATE customers SET name = ? WHERE id = ?', ['Changed underneath', f.child.id]);
      const etag = cached.headers.get('etag')!;
      const res = await b.api.patch(`/customers/${f.child.id}`, { name: 'Lost update' }, { token: admin, headers: { 'if-match': etag } });
      expect(res.status).toBe(412);
      // The same read a client can ask for: Cache-Control: no-cache.
      const fresh = await b.api.get(`/customers/${f.child.id}`, { token: admin, headers: { 'cache-control': 'no-cache' } });
      expect(fresh.body.name).toBe('Changed underneath');
      expect((await read(a, f.child.id)).name).toBe('Changed underneath');
    });

    it('reads every customer from the database while its subscription is down, and caches again once it is back', async () => {
      const f = await family();
      proxy.cut();
      await until('the subscription lost', () => /Redis subscription lost/.test(b.output()));
      // A renames while B cannot hear it: B must not answer from what it remembered.
      expect((await a.api.patch(`/customers/${f.child.id}`, { name: 'Renamed unheard' }, { token: admin })).status).toBe(200);
      expect((await read(b, f.child.id)).name).toBe('Renamed unheard');
      expect(await queriesFor(b, () => read(b, f.child.id))).toBeGreaterThan(0);
      proxy.restore();
      await until('the subscription back', () => /Redis subscription is back/.test(b.output()));
      // Caching resumes once a heartbeat sent after the reconnection has come back (a few hundred ms at most).
      let trips = -1;
      for (let i = 0; i < 20 && trips !== 0; i++) trips = await queriesFor(b, () => read(b, f.child.id));
      expect(trips).toBe(0);
    });
  },
);
