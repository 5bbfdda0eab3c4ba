import { ApiClient } from './support/api-client';
import { createAccount, createCustomer, createUser, startWorld, login, unique, World } from './support/factories';
import { TestApp } from './support/test-app';

describe('Accounts, tags and users (e2e)', () => {
  let app: TestApp;
  let api: ApiClient;
  let w: World;

  beforeAll(async () => ({ app, api, w } = await startWorld()));
  afterAll(() => app?.stop());

  describe('accounts', () => {
    it('lists only the caller’s own accounts, paged; a SystemAdministrator sees all', async () => {
      const mine = await api.get('/accounts', { token: w.managerA });
      expect(mine.body).toMatchObject({ totalCount: 1, totalPages: 1, hasMorePages: false });
      expect(mine.body.items[0]).toMatchObject({ id: w.accountA.id, name: w.accountA.name });
      const customer = await api.get('/accounts', { token: w.customerAtChild });
      expect(customer.body.items.map((a: { id: string }) => a.id)).toEqual([w.accountA.id]);
      const all = await api.get('/accounts?countPerPage=1&sortField=name&sortOrder=Descend', { token: w.admin });
      expect(all.body.totalCount).toBeGreaterThanOrEqual(2);
      expect(all.body.items).toHaveLength(1);
    });

    it('patches defaults by merging, and deletes only an account without customers', async () => {
      const account = await createAccount(api, w.admin, {
        billingSettings: { base: { baseCost: 10, rawUnitMultiplier: 1, unitCost: 0, allowance: 0 } },
      });
      const patched = await api.patch(
        `/accounts/${account.id}`,
        { name: 'Renamed account', billingSettings: { base: { unitCost: 2 } } },
        { token: w.admin },
      );
      expect(patched.body).toMatchObject({
        name: 'Renamed account',
        billingSettings: { base: { baseCost: 10, rawUnitMultiplier: 1, unitCost: 2, allowance: 0 } },
      });
      const customer = await createCustomer(api, w.admin, { accountId: account.id });
      expect(customer.accountName).toBe('Renamed account');
      expect((await api.delete(`/accounts/${account.id}`, { token: w.admin })).status).toBe(409);
      expect((await api.delete(`/customers/${customer.id}`, { token: w.admin })).status).toBe(200);
      expect((await api.delete(`/accounts/${account.id}`, { token: w.admin })).status).toBe(200);
      expect((await api.get(`/accounts/${account.id}`, { token: w.admin })).status).toBe(404);
      expect(
        Number((await app.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM billing_items WHERE account_id = ?', [account.id]))[0].n),
      ).toBe(0);
    });

    it('validates patches: an empty name is a 400, an unknown property is ignored, neither changes anything', async () => {
      for (const body of [{ name: '' }, { billingSettings: { base: { allowance: 1.5 } } }]) {
        expect((await api.patch(`/accounts/${w.accountA.id}`, body, { token: w.admin })).status).toBe(400);
      }
      expect((await api.patch(`/accounts/${w.accountA.id}`, { isStaging: true }, { token: w.admin })).status).toBe(200);
      const after = (await api.get(`/accounts/${w.accountA.id}`, { token: w.admin })).body;
      expect([after.name, after.isStaging]).toEqual([w.accountA.name, undefined]);
    });
  });

  describe('tags', () => {
    it('creates, lists, renames, recolors and deletes tags per account; names are unique per account', async () => {
      const name = unique('VIP');
      const tag = await api.post('/tags', { name, color: 'Gold' }, { token: w.managerA });
      expect(tag.status).toBe(200);
      expect(tag.body).toEqual({ id: expect.any(String), name, color: 'Gold' });
      expect((await api.post('/tags', { name, color: 'Red' }, { token: w.managerA })).status).toBe(409);
      expect((await api.post('/tags', { accountId: w.accountB.id, name, color: 'Red' }, { token: w.admin })).status).toBe(200);
      expect((await api.post('/tags', { name: 'x', color: 'Pink' }, { token: w.managerA })).status).toBe(400);
      const listed = await api.get(`/tags?nameFilter=${encodeURIComponent(name.toLowerCase())}`, { token: w.managerA });
      expect(listed.body.items).toEqual([tag.body]);
      const renamed = await api.patch(`/tags/${tag.body.id}`, { name: `${name} 2`, color: 'GeekBlue' }, { token: w.managerA });
      expect(renamed.body).toEqual({ id: tag.body.id, name: `${name} 2`, color: 'GeekBlue' });
      expect((await api.patch(`/tags/${tag.body.id}`, { color: 'Blue' }, { token: w.managerB })).status).toBe(404);
      expect((await api.delete(`/tags/${tag.body.id}`, { token: w.managerA })).status).toBe(200);
      expect((await api.get(`/tags?nameFilter=${encodeURIComponent(name)}`, { token: w.managerA })).body.items).toEqual([]);
    });

    it('lets a Customer user change a tag only while no customer outside its subtree carries it', async () => {
      const tag = (await api.post('/tags', { name: unique('shared'), color: 'Lime' }, { token: w.customerAtChild })).body;
      expect((await api.patch(`/customers/${w.grandA.id}`, { tagIds: [tag.id] }, { token: w.customerAtChild })).status).toBe(200);
      expect((await api.patch(`/tags/${tag.id}`, { color: 'Green' }, { token: w.customerAtChild })).status).toBe(200);
      await api.patch(`/customers/${w.siblingA.id}`, { tagIds: [tag.id] }, { token: w.admin });
      expect((await api.patch(`/tags/${tag.id}`, { color: 'Cyan' }, { token: w.customerAtChild })).status).toBe(403);
      expect((await api.delete(`/tags/${tag.id}`, { token: w.customerAtChild })).status).toBe(403);
      expect((await api.get(`/customers/${w.siblingA.id}`, { token: w.admin })).body.tags.map((t: { id: string }) => t.id)).toContain(
        tag.id,
      );
    });
  });

  describe('users', () => {
    it('defaults roles from customerId, and binds a Customer user to its customer’s account', async () => {
      const manager = await api.post(
        '/users',
        { accountId: w.accountA.id, emailAddress: `${unique('m')}@voice.test`, password: 'password-1' },
        { token: w.admin },
      );
      expect(manager.body).toMatchObject({
        roles: ['Manager'],
        accountIds: [w.accountA.id],
        accountNames: [w.accountA.name],
        customerId: null,
      });
      const customer = await api.post(
        '/users',
        { customerId: w.childA.id, emailAddress: `${unique('c')}@voice.test`, password: 'password-1' },
        { token: w.managerA },
      );
      expect(customer.body).toMatchObject({ roles: ['Customer'], accountIds: [w.accountA.id], customerId: w.childA.id });
      expect(
        (
          await api.post(
            '/users',
            { customerId: w.rootB.id, emailAddress: `${unique('c')}@voice.test`, password: 'password-1' },
            { token: w.managerA },
          )
        ).status,
      ).toBe(404);
      expect(
        (
          await api.post(
            '/users',
            { customerId: w.childA.id, roles: ['Manager'], emailAddress: `${unique('c')}@voice.test`, password: 'password-1' },
            { token: w.admin },
          )
        ).status,
      ).toBe(400);
    });

    it('keeps an email unique in the whole system, whatever its case', async () => {
      const email = `${unique('Dup')}@Voice.Test`;
      expect(
        (await api.post('/users', { accountId: w.accountA.id, emailAddress: email, password: 'password-1' }, { token: w.admin })).status,
      ).toBe(200);
      const dup = await api.post(
        '/users',
        { accountId: w.accountB.id, emailAddress: email.toUpperCase(), password: 'password-1' },
        { token: w.admin },
      );
      expect(dup.status).toBe(409);
      expect(dup.body.responseStatus.errors[0].fieldName).toBe('emailAddress');
    });

    it('changes a password: the old one and the old sessions stop working', async () => {
      const user = await createUser(api, w.admin, { accountId: w.accountA.id });
      const patched = await api.patch(`/users/${user.id}`, { password: 'a-brand-new-password', firstName: 'Pat' }, { token: w.managerA });
      expect(patched.body).toMatchObject({ firstName: 'Pat' });
      expect((await api.get('/auth/status', { token: user.token })).status).toBe(401);
      expect((await api.post('/auth/credentials', { userName: user.email, password: user.password })).status).toBe(401);
      expect(await login(api, user.email, 'a-brand-new-password')).toEqual(expect.any(String));
    });

    it('lists only users of the Manager’s accounts', async () => {
      const res = await api.get('/users?all=true', { token: w.managerB });
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const u of res.body.items) expect(u.accountIds).toEqual([w.accountB.id]);
    });

    it('never lets a Manager change or delete a SystemAdministrator, nor itself be deleted by itself', async () => {
      const adminId = (await api.get('/auth/status', { token: w.admin })).body.id;
      const adminUser = await api.post(
        '/users',
        { accountId: w.accountA.id, roles: ['SystemAdministrator'], emailAddress: `${unique('sa')}@voice.test`, password: 'password-1' },
        { token: w.admin },
      );
      expect((await api.patch(`/users/${adminUser.body.id}`, { firstName: 'x' }, { token: w.managerA })).status).toBe(403);
      expect((await api.delete(`/users/${adminUser.body.id}`, { token: w.managerA })).status).toBe(403);
      expect((await api.delete(`/users/${adminId}`, { token: w.admin })).status).toBe(400);
    });
  });
});
