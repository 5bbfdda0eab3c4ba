import sample from './fixtures/new-customer-sample.json';
import { ApiClient } from './support/api-client';
import { createAccount, createCustomer, startWorld, unique, World } from './support/factories';
import { shapeDifferences } from './support/json-shape';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';

describe('POST /customers and GET /customers/{id} (e2e)', () => {
  let app: TestApp;
  let api: ApiClient;
  let w: World;

  beforeAll(async () => ({ app, api, w } = await startWorld()));
  afterAll(() => app?.stop());

  describe('hierarchy', () => {
    it('builds root-first breadcrumbs that include the customer itself', async () => {
      const root = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: 'R' });
      const child = await createCustomer(api, w.admin, { parentCustomerId: root.id, name: 'C' });
      const grand = await createCustomer(api, w.admin, { parentCustomerId: child.id, name: 'G' });
      expect(root.breadcrumb).toEqual([{ id: root.id, name: 'R' }]);
      expect(child.breadcrumb).toEqual([
        { id: root.id, name: 'R' },
        { id: child.id, name: 'C' },
      ]);
      expect(grand.breadcrumb).toEqual([
        { id: root.id, name: 'R' },
        { id: child.id, name: 'C' },
        { id: grand.id, name: 'G' },
      ]);
      expect(root.parentCustomerId).toBeNull();
      expect(grand.parentCustomerId).toBe(child.id);
      // accountId comes from the parent when left out
      expect(grand.accountId).toBe(w.accountA.id);
      expect(grand.accountName).toBe(w.accountA.name);
      const fetched = await api.get(`/customers/${grand.id}`, { token: w.admin });
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(grand);
    });

    it("gives every level the account's billing and app settings when nobody overrides", async () => {
      const account = await createAccount(api, w.admin, {
        billingSettings: { localNumbers: { baseCost: 1.5, rawUnitMultiplier: 1, unitCost: 0.25, allowance: 10 } },
        appSettings: { enableDialer: true, pageTitle: 'Acme Voice' },
      });
      const root = await createCustomer(api, w.admin, { accountId: account.id });
      const child = await createCustomer(api, w.admin, { parentCustomerId: root.id });
      const grand = await createCustomer(api, w.admin, { parentCustomerId: child.id });
      for (const c of [root, child, grand]) {
        expect(c.overrideBillingSettings).toBe(false);
        expect(c.billingSettings.localNumbers).toEqual({ baseCost: 1.5, rawUnitMultiplier: 1, unitCost: 0.25, allowance: 10 });
        expect(c.billingSettings.base).toEqual({ baseCost: 0, rawUnitMultiplier: 0, unitCost: 0, allowance: 0 });
        expect(c.overrideAppSettings).toBe(false);
        expect(c.appSettings).toMatchObject({ enableDialer: true, enableCallHistory: false, pageTitle: 'Acme Voice', customCss: '' });
      }
    });

    it('refuses a parent in another account than the one named with a 400', async () => {
      const res = await api.post('/customers', { accountId: w.accountB.id, parentCustomerId: w.rootA.id, name: 'x' }, { token: w.admin });
      expect(res.status).toBe(400);
      expect(res.body.responseStatus.errors[0].fieldName).toBe('parentCustomerId');
    });

    it('infers the account of a caller with exactly one, and asks for it otherwise', async () => {
      const mine = await api.post('/customers', { name: 'Manager made' }, { token: w.managerA });
      expect(mine.status).toBe(200);
      expect(mine.body.accountId).toBe(w.accountA.id);
      const admin = await api.post('/customers', { name: 'Admin made' }, { token: w.admin });
      expect(admin.status).toBe(400);
      expect(admin.body.responseStatus.errors[0]).toMatchObject({ fieldName: 'accountId', errorCode: 'NotEmpty' });
    });

    it('404s an unknown parent or account', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await api.post('/customers', { parentCustomerId: unknown, name: 'x' }, { token: w.admin })).status).toBe(404);
      expect((await api.post('/customers', { accountId: unknown, name: 'x' }, { token: w.admin })).status).toBe(404);
      // Not an id the API hands out at all: a 400 naming the field.
      const malformed = await api.post('/customers', { parentCustomerId: 'no-such-id', name: 'x' }, { token: w.admin });
      expect([malformed.status, malformed.body.responseStatus.errors[0].fieldName]).toEqual([400, 'parentCustomerId']);
    });
  });

  describe('roles and scope', () => {
    it("gives a Manager of account A a 404 for account B's parent, account or customer", async () => {
      const before = await app.db.count('customers');
      const parent = await api.post('/customers', { parentCustomerId: w.rootB.id, name: 'x' }, { token: w.managerA });
      expect(parent.status).toBe(404);
      expect(parent.body.responseStatus.errorCode).toBe('NotFound');
      expect((await api.post('/customers', { accountId: w.accountB.id, name: 'x' }, { token: w.managerA })).status).toBe(404);
      expect((await api.get(`/customers/${w.rootB.id}`, { token: w.managerA })).status).toBe(404);
      expect(await app.db.count('customers')).toBe(before);
      const own = await api.post('/customers', { parentCustomerId: w.grandA.id, name: 'ok' }, { token: w.managerA });
      expect(own.status).toBe(200);
    });

    it('lets a Customer user create only inside its own subtree', async () => {
      const below = await api.post('/customers', { parentCustomerId: w.childA.id, name: 'below own' }, { token: w.customerAtChild });
      expect(below.status).toBe(200);
      expect(below.body.breadcrumb.map((b: { id: string }) => b.id)).toEqual([w.rootA.id, w.childA.id, below.body.id]);
      const deeper = await api.post('/customers', { parentCustomerId: w.grandA.id, name: 'deeper' }, { token: w.customerAtChild });
      expect(deeper.status).toBe(200);

      const before = await app.db.count('customers');
      for (const parentCustomerId of [w.rootA.id, w.siblingA.id, w.rootB.id]) {
        const res = await api.post('/customers', { parentCustomerId, name: 'outside' }, { token: w.customerAtChild });
        expect(res.status).toBe(404);
      }
      const root = await api.post('/customers', { accountId: w.accountA.id, name: 'a root' }, { token: w.customerAtChild });
      expect(root.status).toBe(403);
      expect(root.body.responseStatus.errorCode).toBe('Forbidden');
      expect(await app.db.count('customers')).toBe(before);
    });

    it('lets a Customer user read its customer and descendants, and 404s the rest', async () => {
      expect((await api.get(`/customers/${w.childA.id}`, { token: w.customerAtChild })).status).toBe(200);
      expect((await api.get(`/customers/${w.grandA.id}`, { token: w.customerAtChild })).status).toBe(200);
      for (const other of [w.rootA, w.siblingA, w.rootB]) {
        expect((await api.get(`/customers/${other.id}`, { token: w.customerAtChild })).status).toBe(404);
      }
      expect((await api.get(`/customers/${w.siblingA.id}`, { token: w.customerAtRoot })).status).toBe(200);
    });
  });

  describe('referenceId', () => {
    it('is unique within an account (409) but not across accounts', async () => {
      const ref = unique('ref');
      expect((await api.post('/customers', { accountId: w.accountA.id, name: 'a', referenceId: ref }, { token: w.admin })).status).toBe(
        200,
      );
      const dup = await api.post('/customers', { accountId: w.accountA.id, name: 'b', referenceId: ref }, { token: w.admin });
      expect(dup.status).toBe(409);
      expect(dup.body.responseStatus).toMatchObject({ errorCode: 'Conflict', errors: [{ fieldName: 'referenceId' }] });
      expect((await api.post('/customers', { accountId: w.accountB.id, name: 'c', referenceId: ref }, { token: w.admin })).status).toBe(
        200,
      );
    });

    it('yields exactly one customer when concurrent creates race for one referenceId', async () => {
      const ref = unique('race');
      // Logins racing the failing creates must keep their sessions (no write lands in a rolled-back transaction).
      const logins = Array.from({ length: 4 }, () => api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD }));
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          api.post('/customers', { accountId: w.accountA.id, name: `racer ${i}`, referenceId: ref }, { token: w.admin }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
      for (const login of await Promise.all(logins)) {
        expect((await api.get('/auth/status', { token: login.body.bearerToken })).status).toBe(200);
      }
      const rows = await app.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM customers WHERE reference_id = ?', [ref]);
      expect(Number(rows[0].n)).toBe(1);
    });
  });

  describe('validation: a 400 that writes nothing', () => {
    const cases: [string, () => unknown, string][] = [
      ['a number for the name', () => ({ accountId: w.accountA.id, name: 123 }), 'name'],
      ['no name', () => ({ accountId: w.accountA.id }), 'name'],
      ['a null name', () => ({ accountId: w.accountA.id, name: null }), 'name'],
      ['a blank name', () => ({ accountId: w.accountA.id, name: '   ' }), 'name'],
      ['an over-long name', () => ({ accountId: w.accountA.id, name: 'n'.repeat(201) }), 'name'],
      ['an over-long referenceId', () => ({ accountId: w.accountA.id, name: 'x', referenceId: 'r'.repeat(201) }), 'referenceId'],
      ['a number for accountId', () => ({ accountId: 5, name: 'x' }), 'accountId'],
      ['data that is not a Struct', () => ({ accountId: w.accountA.id, name: 'x', data: 'text' }), 'data'],
      [
        'a Value with two kinds set',
        () => ({ accountId: w.accountA.id, name: 'x', data: { a: { stringValue: 's', numberValue: 1 } } }),
        'data',
      ],
      ['a Value with no kind set', () => ({ accountId: w.accountA.id, name: 'x', data: { a: {} } }), 'data'],
      ['a Value of the wrong type', () => ({ accountId: w.accountA.id, name: 'x', data: { a: { boolValue: 'yes' } } }), 'data'],
      [
        'data nested too deep',
        () => {
          let value: Record<string, unknown> = { leaf: { boolValue: true } };
          for (let i = 0; i < 12; i++) value = { level: { structValue: value } };
          return { accountId: w.accountA.id, name: 'x', data: value };
        },
        'data',
      ],
    ];

    it.each(cases)('%s', async (_label, body, field) => {
      const before = await app.db.count('customers');
      const res = await api.post('/customers', body(), { token: w.admin });
      expect(res.status).toBe(400);
      expect(res.body.responseStatus.errors.map((e: { fieldName: string }) => e.fieldName)).toContain(field);
      expect(res.body.responseStatus.errorCode).toBe(res.body.responseStatus.errors[0].errorCode);
      expect(res.body.responseStatus.message).toBe(res.body.responseStatus.errors[0].message);
      expect(await app.db.count('customers')).toBe(before);
    });

    it.each([
      ['__proto__ at the top level', `{"name":"x","accountId":"ACC","__proto__":{"isAdmin":true}}`],
      ['__proto__ inside data', `{"name":"x","accountId":"ACC","data":{"__proto__":{"stringValue":"x"}}}`],
      ['constructor.prototype inside data', `{"name":"x","accountId":"ACC","data":{"constructor":{"prototype":{"x":1}}}}`],
    ])('%s', async (_label, raw) => {
      const before = await app.db.count('customers');
      const res = await api.post('/customers', undefined, { token: w.admin, rawBody: raw.replace('ACC', w.accountA.id) });
      expect(res.status).toBe(400);
      expect(res.body.responseStatus.errors.length).toBeGreaterThan(0);
      expect(await app.db.count('customers')).toBe(before);
    });

    it('reports one entry per failing field: the most basic failure', async () => {
      const res = await api.post('/customers', { accountId: w.accountA.id }, { token: w.admin });
      expect(res.body.responseStatus).toEqual({
        errorCode: 'NotEmpty',
        message: "'Name' must not be empty.",
        errors: [{ errorCode: 'NotEmpty', fieldName: 'name', message: "'Name' must not be empty." }],
      });
      const typed = await api.post('/customers', { accountId: w.accountA.id, name: 12 }, { token: w.admin });
      expect(typed.body.responseStatus.errors).toEqual([
        { errorCode: 'InvalidType', fieldName: 'name', message: "'Name' must be a string." },
      ]);
    });

    it('refuses a JSON body that is not an object, and text/plain', async () => {
      for (const raw of ['[1,2]', '"name"', 'null', '42']) {
        const res = await api.post('/customers', undefined, { token: w.admin, rawBody: raw });
        expect([raw, res.status, res.body.responseStatus.errorCode]).toEqual([raw, 400, 'SerializationException']);
      }
      const text = await api.post('/customers', undefined, { token: w.admin, rawBody: 'name=x', contentType: 'text/plain' });
      expect(text.status).toBe(415);
      expect(text.body.responseStatus.message).toMatch(/application\/json/);
    });

    it('reports every failing field, not just the first', async () => {
      const res = await api.post('/customers', { accountId: 1, name: '', referenceId: 'r'.repeat(300) }, { token: w.admin });
      expect(res.status).toBe(400);
      const fields = res.body.responseStatus.errors.map((e: { fieldName: string }) => e.fieldName);
      expect(fields).toEqual(expect.arrayContaining(['accountId', 'name', 'referenceId']));
    });

    it('refuses malformed JSON and an unsupported content type', async () => {
      const bad = await api.post('/customers', undefined, { token: w.admin, rawBody: '{"name": ' });
      expect(bad.status).toBe(400);
      expect(bad.body.responseStatus.errorCode).toBe('SerializationException');
      const xml = await api.post('/customers', undefined, { token: w.admin, rawBody: '<name/>', contentType: 'application/xml' });
      expect(xml.status).toBe(415);
      expect(xml.body.responseStatus.errorCode).toBe('UnsupportedMediaType');
    });

    it('refuses a body over the size limit with a 413', async () => {
      const res = await api.post('/customers', undefined, {
        token: w.admin,
        rawBody: JSON.stringify({ name: 'x', accountId: w.accountA.id, data: { big: { stringValue: 'x'.repeat(2 * 1024 * 1024) } } }),
      });
      expect(res.status).toBe(413);
      expect(res.body.responseStatus.errorCode).toBe('RequestEntityTooLarge');
    });
  });

  it('accepts a form-urlencoded body', async () => {
    const body = new URLSearchParams({ accountId: w.accountA.id, name: 'Form made', referenceId: unique('form') }).toString();
    const res = await api.post('/customers', undefined, {
      token: w.admin,
      rawBody: body,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Form made');
  });

  it("answers the reference page's sample request with every key of its sample response, in the same JSON types", async () => {
    const request = { ...sample.request, accountId: w.accountA.id, parentCustomerId: w.rootA.id, referenceId: unique('sample') };
    const res = await api.post('/customers', request, { token: w.admin });
    expect(res.status).toBe(200);
    expect(shapeDifferences(sample.response, res.body, '$', ['$.integrationData'])).toEqual([]);
    expect(res.body.tags).toEqual([]);
    expect(res.body.integrationData).toEqual({});
    expect(res.body.data).toEqual({});
    expect(new Date(res.body.dateCreated).toISOString()).toBe(res.body.dateCreated);
  });

  it('stores and returns data exactly, dropping null kinds', async () => {
    const data = {
      plan: { stringValue: 'gold', boolValue: null },
      seats: { numberValue: 12.5 },
      flags: { listValue: [{ on: { boolValue: true } }] },
      nested: { structValue: { inner: { stringValue: 'ü ✓' } } },
    };
    const created = await createCustomer(api, w.admin, { accountId: w.accountA.id, data });
    const expected = { ...data, plan: { stringValue: 'gold' } };
    expect(created.data).toEqual(expected);
    expect((await api.get(`/customers/${created.id}`, { token: w.admin })).body.data).toEqual(expected);
  });
});
