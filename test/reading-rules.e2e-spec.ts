import { createCustomer, createUser, startWorld, World } from './support/factories';
import { ApiClient } from './support/api-client';
import { TestApp } from './support/test-app';

/** Everything but the audit stamps, which a write moves on. */
const withoutAudit = (body: Record<string, unknown>): Record<string, unknown> => {
  const { dateLastModified: _m, lastModifiedBy: _b, ...rest } = body;
  return rest;
};

const BUSINESS_HOURS = {
  timeZoneId: 'Europe/London',
  defaultState: 'Closed',
  rules: [
    {
      name: 'Christmas',
      simpleRuleType: 'Time',
      state: 'Holiday',
      priority: -1,
      startDate: '2026-12-25',
      isAllDay: true,
      frequency: 'Yearly',
    },
    {
      name: 'Business hours',
      simpleRuleType: 'Time',
      state: 'Open',
      startDate: '2026-01-05',
      startTime: '09:00',
      endTime: '17:00',
      frequency: 'Weekly',
      byDay: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((dayOfWeek) => ({ dayOfWeek })),
    },
  ],
};

describe("ServiceStack's reading rules: a client may send back what it read (e2e)", () => {
  let app: TestApp;
  let api: ApiClient;
  let w: World;

  beforeAll(async () => {
    ({ app, api, w } = await startWorld());
  });
  afterAll(() => app.stop());

  /** GET, change one field, PATCH the whole object back: only that field changes. */
  async function roundTrip(path: string, token: string, field: string, value: unknown): Promise<void> {
    const read = await api.get(path, { token });
    expect(read.status).toBe(200);
    const written = await api.patch(path, { ...read.body, [field]: value }, { token });
    expect([written.status, written.text.slice(0, 200)]).toEqual([200, expect.any(String)]);
    const after = await api.get(path, { token });
    const expected = { ...read.body, [field]: value };
    // A customer's breadcrumb ends with the customer itself, so it shows the new name too.
    if (field === 'name' && Array.isArray(read.body.breadcrumb)) {
      expected.breadcrumb = read.body.breadcrumb.map((b: { id: string }) => (b.id === read.body.id ? { ...b, name: value } : b));
    }
    expect(withoutAudit(after.body)).toEqual(withoutAudit(expected));
  }

  it('round-trips a customer with tags, data, schedule, overridden settings and integration data', async () => {
    const tag = await api.post('/tags', { accountId: w.accountA.id, name: 'gold', color: 'Gold' }, { token: w.admin });
    const c = await createCustomer(api, w.admin, {
      parentCustomerId: w.rootA.id,
      name: 'Full',
      referenceId: 'crm-1',
      data: { plan: { stringValue: 'gold' } },
    });
    await api.patch(
      `/customers/${c.id}`,
      {
        tagIds: [tag.body.id],
        schedule: BUSINESS_HOURS,
        overrideAppSettings: true,
        appSettings: { portalName: 'Acme portal' },
        integrationData: { crm: { thirdPartyId: 'x-1' } },
      },
      { token: w.admin },
    );
    await roundTrip(`/customers/${c.id}`, w.admin, 'name', 'Full, renamed');
    const before = (await api.get(`/customers/${c.id}`, { token: w.admin })).body;
    expect(before.tags.map((t: { id: string }) => t.id)).toEqual([tag.body.id]);
    expect(before.schedule.rules).toHaveLength(2);
  });

  it('round-trips a customer that inherits everything, as each kind of caller', async () => {
    const c = await createCustomer(api, w.admin, { parentCustomerId: w.childA.id, name: 'Plain' });
    await roundTrip(`/customers/${c.id}`, w.admin, 'name', 'Plain by admin');
    await roundTrip(`/customers/${c.id}`, w.managerA, 'name', 'Plain by manager');
    await roundTrip(`/customers/${c.id}`, w.customerAtChild, 'name', 'Plain by customer user');
    // A Customer user's own customer, sent back whole: parent, billing and reference are unchanged, so allowed.
    await roundTrip(`/customers/${w.childA.id}`, w.customerAtChild, 'name', 'Child A, by its own user');
    const own = (await api.get(`/customers/${w.childA.id}`, { token: w.customerAtChild })).body;
    const forbidden = await api.patch(`/customers/${w.childA.id}`, { ...own, referenceId: 'changed' }, { token: w.customerAtChild });
    expect(forbidden.status).toBe(403);
  });

  it('round-trips an account, a tag and a user', async () => {
    await api.patch(
      `/accounts/${w.accountB.id}`,
      { schedule: BUSINESS_HOURS, billingSettings: { base: { baseCost: 5 } } },
      { token: w.admin },
    );
    await roundTrip(`/accounts/${w.accountB.id}`, w.admin, 'name', 'Account B, renamed');
    const tag = await api.post('/tags', { accountId: w.accountB.id, name: 'silver', color: 'Blue' }, { token: w.admin });
    const read = tag.body;
    const patched = await api.patch(`/tags/${read.id}`, { ...read, name: 'platinum' }, { token: w.admin });
    expect(patched.body).toEqual({ ...read, name: 'platinum' });
    const user = await createUser(api, w.admin, { accountId: w.accountA.id, roles: ['Manager'], firstName: 'Ann' });
    await roundTrip(`/users/${user.id}`, w.admin, 'lastName', 'Lee');
    await roundTrip(`/users/${user.id}`, w.managerA, 'firstName', 'Anne');
  });

  it('takes any schedule as GetCustomer returned it in TestSchedule', async () => {
    const c = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: 'Scheduled' });
    await api.patch(`/customers/${c.id}`, { schedule: BUSINESS_HOURS }, { token: w.admin });
    const { schedule } = (await api.get(`/customers/${c.id}`, { token: w.admin })).body;
    const res = await api.post(`/customers/${c.id}/test-schedule`, { schedule, dateTime: '2026-12-25T10:00:00Z' }, { token: w.admin });
    expect([res.status, res.body.stateName]).toEqual([200, 'Holiday']);
  });

  it('reads null as "not sent" and ignores properties the operation does not take, never writing them', async () => {
    const c = await createCustomer(api, w.admin, {
      parentCustomerId: w.rootA.id,
      name: 'Nulls',
      referenceId: 'keep-me',
      data: { a: { boolValue: true } },
    });
    const nulls = {
      name: null,
      referenceId: null,
      data: null,
      tagIds: null,
      schedule: null,
      overrideBillingSettings: null,
      billingSettings: null,
      overrideAppSettings: null,
      appSettings: null,
      integrationData: null,
    };
    const res = await api.patch(
      `/customers/${c.id}`,
      { ...nulls, isStaging: true, id: 'forged', accountId: w.accountB.id, newerField: 1 },
      { token: w.admin },
    );
    expect(res.status).toBe(200);
    expect([res.body.name, res.body.referenceId, res.body.data, res.body.isStaging, res.body.id, res.body.accountId]).toEqual([
      'Nulls',
      'keep-me',
      { a: { boolValue: true } },
      false,
      c.id,
      w.accountA.id,
    ]);
    // The one null with a meaning of its own: parentCustomerId null makes a root customer.
    expect((await api.patch(`/customers/${c.id}`, { parentCustomerId: null }, { token: w.admin })).body.parentCustomerId).toBeNull();
  });

  it.each([
    ['NewAccount', 'POST', '/accounts', { name: 'Null account', billingSettings: null, appSettings: null, schedule: null }],
    [
      'NewCustomer',
      'POST',
      '/customers',
      { name: 'Null customer', accountId: null, parentCustomerId: null, referenceId: null, data: null },
    ],
    ['NewTag', 'POST', '/tags', { name: 'nulltag', color: 'Red', accountId: null }],
    [
      'NewUser',
      'POST',
      '/users',
      { emailAddress: 'null.user@voice.test', password: 'long-enough-1', firstName: null, lastName: null, roles: null, customerId: null },
    ],
    ['TestSchedule', 'POST', '/customers/{c}/test-schedule', { schedule: null, dateTime: '2026-03-02T10:00:00Z' }],
    ['SetCustomerStagingMode', 'POST', '/customers/{c}/staging', { isStaging: true }],
    ['PatchAccount', 'PATCH', '/accounts/{a}', { name: null, billingSettings: null, appSettings: null, schedule: null }],
    ['PatchUser', 'PATCH', '/users/{u}', { firstName: null, lastName: null, emailAddress: null, password: null, roles: null }],
    ['Authenticate', 'POST', '/auth/credentials', { userName: 'root@voice.test', password: 'admin-password-1', rememberMe: null }],
  ])('%s: every optional property null, plus an unknown one, is accepted', async (_op, method, path, body) => {
    const user = await createUser(api, w.admin, { accountId: w.accountA.id, roles: ['Manager'] });
    const url = path.replace('{c}', w.rootA.id).replace('{a}', w.accountA.id).replace('{u}', user.id);
    const payload = { ...body, accountId: url === '/tags' || url === '/customers' || url === '/users' ? w.accountA.id : undefined };
    const res = await api.request(method, url, { ...payload, someNewerProperty: { nested: true } }, { token: w.admin });
    expect([res.status, res.text.slice(0, 300)]).toEqual([200, expect.any(String)]);
  });

  it('keeps refusing keys that could reach Object.prototype', async () => {
    const res = await api.post('/customers', undefined, { token: w.admin, rawBody: '{"name":"x","__proto__":{"polluted":true}}' });
    expect(res.status).toBe(400);
  });
});
