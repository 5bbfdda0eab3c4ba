import { cookiesOf } from './support/cookies';
import { parse } from 'csv-parse/sync';
import { createCustomer, startWorld, World } from './support/factories';
import { ApiClient } from './support/api-client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';

describe('Hostile input: the cases one by one (e2e)', () => {
  let app: TestApp;
  let api: ApiClient;
  let w: World;

  beforeAll(async () => {
    ({ app, api, w } = await startWorld());
  });
  afterAll(() => app.stop());

  describe('cookie sessions cannot be ridden cross-site', () => {
    const evil = { origin: 'https://evil.example' };
    let cookie: string;
    beforeAll(async () => {
      cookie = cookiesOf(await api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD }));
    });

    it('decides by the credential used: a cookie write is checked whatever Authorization header rides along', async () => {
      const before = await app.db.count('customers');
      for (const authorization of ['Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer ', 'Token abc']) {
        const res = await api.post(
          '/customers',
          { accountId: w.accountA.id, name: 'Forged' },
          { cookie, headers: { ...evil, authorization } },
        );
        expect([authorization, res.status, res.body.responseStatus?.errorCode]).toEqual([authorization, 403, 'Forbidden']);
      }
      expect(await app.db.count('customers')).toBe(before);
      const bearer = await api.post(
        '/customers',
        { accountId: w.accountA.id, name: 'By bearer' },
        { token: w.admin, cookie, headers: evil },
      );
      expect(bearer.status).toBe(200);
    });

    it('refuses a login and a refresh by cookie from another site, and allows them from the same site', async () => {
      const login = await api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { headers: evil });
      expect([login.status, login.headers.getSetCookie()]).toEqual([403, []]);
      expect(
        (
          await api.post(
            '/auth',
            { provider: 'credentials', userName: ADMIN_EMAIL, password: ADMIN_PASSWORD },
            { headers: { 'sec-fetch-site': 'cross-site' } },
          )
        ).status,
      ).toBe(403);
      const refreshed = await api.post('/access-token', {}, { cookie, headers: evil });
      expect(refreshed.status).toBe(403);
      const sameSite = await api.post('/access-token', {}, { cookie, headers: { origin: app.baseUrl } });
      expect(sameSite.status).toBe(200);
    });
  });

  describe('ids mean one thing on every database', () => {
    it('finds a customer only by its id byte for byte: not in upper case, not padded', async () => {
      const id: string = w.rootA.id;
      expect((await api.get(`/customers/${id}`, { token: w.admin })).status).toBe(200);
      for (const variant of [id.toUpperCase(), `${id}%20%20`, `${id}%20`, ` ${id}`.replace(' ', '%20'), `${id}%09`]) {
        const res = await api.get(`/customers/${variant}`, { token: w.admin });
        expect([variant, res.status, res.body.responseStatus.errorCode]).toEqual([variant, 404, 'NotFound']);
      }
      expect((await api.patch(`/accounts/${w.accountA.id.toUpperCase()}`, { name: 'x' }, { token: w.admin })).status).toBe(404);
    });

    it('refuses ids in bodies and queries that are not ids as the API hands them out', async () => {
      const upper = await api.post('/customers', { parentCustomerId: w.rootA.id.toUpperCase(), name: 'x' }, { token: w.admin });
      expect([upper.status, upper.body.responseStatus.errors[0].fieldName]).toEqual([400, 'parentCustomerId']);
      const upperInQuery = await api.get(`/customers?specificIds=${w.rootA.id.toUpperCase()}`, { token: w.admin });
      expect(upperInQuery.status).toBe(400);
      const listed = await api.get(`/customers?specificIds=${w.rootA.id}`, { token: w.admin });
      expect(listed.body.totalCount).toBe(1);
    });
  });

  describe('text fields refuse what no name should hold', () => {
    it.each([
      ['NUL', 'a\u0000b'],
      ['a bell', 'a\u0007b'],
      ['DEL', 'a\u007fb'],
      ['a C1 control', 'a\u0085b'],
      ['a line break', 'two\nlines'],
      ['a tab', 'a\tb'],
      ['a right-to-left override', 'invoice\u202Efdp.exe'],
      ['a left-to-right isolate', 'a\u2066b'],
    ])('refuses %s in a name with a 400 naming the field, and writes nothing', async (_what, name) => {
      const before = await app.db.count('customers');
      const res = await api.post('/customers', { accountId: w.accountA.id, name }, { token: w.admin });
      expect([res.status, res.body.responseStatus.errors[0]?.fieldName, res.body.responseStatus.errorCode]).toEqual([
        400,
        'name',
        'InvalidCharacters',
      ]);
      expect(await app.db.count('customers')).toBe(before);
    });

    it('refuses a lone surrogate, at its exact path', async () => {
      const res = await api.patch(`/customers/${w.rootA.id}`, undefined, {
        token: w.admin,
        rawBody: '{"schedule":{"rules":[{"simpleRuleType":"Always","state":"Open","name":"\\ud83d"}]}}',
      });
      expect([res.status, res.body.responseStatus.errors[0].fieldName]).toEqual([400, 'schedule.rules[0].name']);
    });

    it('keeps letters of every script, emoji, combining marks and multi-line data as they were sent', async () => {
      const name = 'Zoë Straße 東京 مرحبا 👩🏽‍💻 e\u0301';
      const data = { notes: { stringValue: 'line one\nline two\tend' } };
      const made = await createCustomer(api, w.admin, { accountId: w.accountA.id, name, data });
      const read = await api.get(`/customers/${made.id}`, { token: w.admin });
      expect([read.body.name, read.body.data]).toEqual([name, data]);
    });
  });

  it('writes no live spreadsheet formula into any CSV, nested cells included', async () => {
    const names = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)'];
    const parent = await createCustomer(api, w.admin, { accountId: w.accountB.id, name: 'CSV root' });
    for (const [i, name] of names.entries()) {
      await createCustomer(api, w.admin, {
        parentCustomerId: parent.id,
        name,
        referenceId: `=ref-${i}`,
        data: { f: { stringValue: '=1+1' } },
      });
    }
    const csv = await api.get(`/customers.csv?parentCustomerIds=${parent.id}&all=true&sortField=name`, { token: w.admin });
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    expect(rows.map((r) => r.name).sort()).toEqual(names.map((n) => `'${n}`).sort());
    expect(rows.every((r) => r.referenceId.startsWith("'="))).toBe(true);
    // Cells that begin as JSON start with { or [, which no spreadsheet runs.
    expect(rows.every((r) => /^[{[]/.test(r.data) && /^[{[]/.test(r.breadcrumb))).toBe(true);
    const single = parse<Record<string, string>>((await api.get(`/customers/${parent.id}.csv`, { token: w.admin })).text, {
      columns: true,
    });
    expect(single[0].name).toBe('CSV root');
    const errors = await api.get('/customers.csv?page=-1', { token: w.admin });
    expect(errors.text.split('\r\n').slice(1).join('')).not.toMatch(/(^|,)[=+\-@]/);
  });
});

describe('Login throttling that holds its number (e2e)', () => {
  const attempt = (api: ApiClient, headers: Record<string, string> = {}) =>
    api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: 'wrong-password' }, { headers });

  it('refuses the attempt past the limit with a 429 and Retry-After, whatever X-Forwarded-For says', async () => {
    const app = await startTestApp({ LOGIN_ATTEMPTS_PER_MINUTE: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await attempt(app.api, { 'x-forwarded-for': `203.0.113.${i}` })).status);
      expect(statuses).toEqual([401, 401, 401]);
      const refused = await attempt(app.api, { 'x-forwarded-for': '198.51.100.7' });
      expect([refused.status, refused.body.responseStatus.errorCode]).toEqual([429, 'TooManyRequests']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
  });

  it('reads the client address from X-Forwarded-For only when the proxy is trusted by address', async () => {
    const trusted = await startTestApp({ LOGIN_ATTEMPTS_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1' });
    const untrusted = await startTestApp({ LOGIN_ATTEMPTS_PER_MINUTE: '2', TRUST_PROXY: '10.9.9.9' });
    try {
      const byClient = [];
      for (const client of ['203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2', '203.0.113.1'])
        byClient.push((await attempt(trusted.api, { 'x-forwarded-for': client })).status);
      expect(byClient).toEqual([401, 401, 401, 401, 429]);
      const spoofed = [];
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
        spoofed.push((await attempt(untrusted.api, { 'x-forwarded-for': client })).status);
      expect(spoofed).toEqual([401, 401, 429]);
    } finally {
      await Promise.all([trusted.stop(), untrusted.stop()]);
    }
  });

  it('refuses to start on a TRUST_PROXY it cannot read', async () => {
    await expect(startTestApp({ TRUST_PROXY: 'yes' })).rejects.toThrow(/TRUST_PROXY must be/);
  });
});
