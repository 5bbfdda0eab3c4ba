import { cookiesOf } from './support/cookies';
import { JsonServiceClient } from '@servicestack/client';
import { parse } from 'csv-parse/sync';
import { ApiClient } from './support/api-client';
import { createCustomer, startWorld, unique, World } from './support/factories';
import { DeleteCustomer, GetCustomer, ListCustomers, NewCustomer, PatchCustomer } from './support/servicestack-dtos';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';

/** A CSV cell back to the JSON value it came from. */
function cellMatches(cell: string, value: unknown): boolean {
  if (value === null || value === undefined) return cell === '';
  if (typeof value === 'object') return JSON.stringify(JSON.parse(cell)) === JSON.stringify(value);
  return cell === (typeof value === 'string' ? value : JSON.stringify(value));
}

describe('ServiceStack wire compatibility (e2e)', () => {
  let app: TestApp;
  let api: ApiClient;
  let w: World;

  beforeAll(async () => ({ app, api, w } = await startWorld()));
  afterAll(() => app?.stop());

  describe("ServiceStack's own TypeScript client", () => {
    let client: JsonServiceClient;
    beforeAll(() => {
      client = new JsonServiceClient(app.baseUrl);
      client.bearerToken = w.managerA;
    });

    it('creates, gets, lists, patches and deletes customers through the predefined routes', async () => {
      const created = await client.post(new NewCustomer({ parentCustomerId: w.rootA.id, name: 'Via client', referenceId: unique('ss') }));
      expect(created).toMatchObject({ name: 'Via client', parentCustomerId: w.rootA.id, accountId: w.accountA.id });
      const got = await client.get(new GetCustomer({ customerId: created.id }));
      expect(got).toEqual(created);
      const listed = await client.get(
        new ListCustomers({ parentCustomerIds: [w.rootA.id, w.childA.id], nameFilter: 'via client', all: true }),
      );
      expect(listed.items.map((c: { id: string }) => c.id)).toEqual([created.id]);
      const patched = await client.patch(new PatchCustomer({ customerId: created.id, name: 'Renamed via client' }));
      expect(patched.name).toBe('Renamed via client');
      await client.delete(new DeleteCustomer({ customerId: created.id }));
      await expect(client.get(new GetCustomer({ customerId: created.id }))).rejects.toMatchObject({
        responseStatus: { errorCode: 'NotFound' },
      });
    });

    it('throws errors carrying the field errors of a failed validation', async () => {
      const error = await client
        .post(new NewCustomer({ parentCustomerId: w.rootA.id, name: '', referenceId: 'r'.repeat(300) }))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ responseStatus: { errorCode: expect.any(String) } });
      const fields = (error as { responseStatus: { errors: { fieldName: string }[] } }).responseStatus.errors.map((e) => e.fieldName);
      expect(fields).toEqual(expect.arrayContaining(['name', 'referenceId']));
    });

    it("answers a missing role with ServiceStack's 403 body", async () => {
      const res = await api.post('/accounts', { name: 'not mine to make' }, { token: w.managerA });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ responseStatus: { errorCode: 'Forbidden', message: 'Invalid Role', errors: [] } });
      const anonymous = await api.get('/customers');
      expect(anonymous.body).toEqual({ responseStatus: { errorCode: 'Unauthorized', message: 'Not Authenticated', errors: [] } });
    });

    it('keeps scope on predefined routes: another account is a 404, no token a 401', async () => {
      await expect(client.get(new GetCustomer({ customerId: w.rootB.id }))).rejects.toMatchObject({
        responseStatus: { errorCode: 'NotFound' },
      });
      const anonymous = new JsonServiceClient(app.baseUrl);
      await expect(anonymous.get(new GetCustomer({ customerId: w.rootA.id }))).rejects.toMatchObject({
        responseStatus: { errorCode: 'Unauthorized' },
      });
    });
  });

  describe('predefined routes over plain HTTP', () => {
    it('maps /api/{Operation} and /json/reply/{Operation} for every verb the operation takes', async () => {
      const made = await api.post('/api/NewCustomer', { parentCustomerId: w.childA.id, name: 'Predefined' }, { token: w.admin });
      expect(made.status).toBe(200);
      expect((await api.get(`/json/reply/GetCustomer?customerId=${made.body.id}`, { token: w.admin })).body.id).toBe(made.body.id);
      expect((await api.get(`/api/GetCustomer.csv?customerId=${made.body.id}`, { token: w.admin })).headers.get('content-type')).toMatch(
        /text\/csv/,
      );
      const staged = await api.post(
        '/json/reply/SetCustomerStagingMode',
        { customerId: made.body.id, isStaging: true },
        { token: w.admin },
      );
      expect(staged.body.isStaging).toBe(true);
      const tested = await api.post(
        '/api/TestSchedule',
        { customerId: made.body.id, dateTime: '2026-01-01T00:00:00Z' },
        { token: w.admin },
      );
      expect(tested.body).toMatchObject({ stateName: 'Open', timeZoneId: 'UTC' });
      expect((await api.delete(`/json/reply/DeleteCustomer?customerId=${made.body.id}`, { token: w.customerAtChild })).status).toBe(200);
      expect((await api.get(`/api/GetCustomer?customerId=${made.body.id}`, { token: w.admin })).status).toBe(404);
      expect(
        (await api.post('/api/SetCustomerStagingMode', { customerId: w.childA.id, isStaging: true }, { token: w.customerAtChild })).status,
      ).toBe(403);
      expect((await api.patch('/api/PatchCustomer', { customerId: w.siblingA.id, name: 'x' }, { token: w.customerAtChild })).status).toBe(
        404,
      );
      const invalid = await api.patch('/api/PatchCustomer', { customerId: w.childA.id, name: 5 }, { token: w.admin });
      expect(invalid.status).toBe(400);
      expect(invalid.body.responseStatus.errors[0].fieldName).toBe('name');
      expect((await api.get('/api/NoSuchOperation', { token: w.admin })).status).toBe(404);
      expect((await api.get('/api/constructor?customerId=x', { token: w.admin })).status).toBe(404);
      expect((await api.get('/json/reply/toString', { token: w.admin })).status).toBe(404);
    });
  });

  describe('a browser dashboard with cookies only', () => {
    it('logs in through POST /auth/credentials and manages customers with the cookies alone', async () => {
      const login = await api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      const cookie = cookiesOf(login);
      expect(cookie).toContain('ss-tok=');
      const origin = { origin: app.baseUrl };
      const made = await api.post('/customers', { accountId: w.accountA.id, name: 'Cookie made' }, { cookie, headers: origin });
      expect(made.status).toBe(200);
      expect((await api.get(`/customers/${made.body.id}`, { cookie })).status).toBe(200);
      expect((await api.patch(`/customers/${made.body.id}`, { name: 'Cookie renamed' }, { cookie, headers: origin })).body.name).toBe(
        'Cookie renamed',
      );
      expect((await api.get(`/customers?specificIds=${made.body.id}`, { cookie })).body.totalCount).toBe(1);
      expect((await api.delete(`/customers/${made.body.id}`, { cookie, headers: origin })).status).toBe(200);
    });

    it('refuses a cookie-authenticated write from another site, but not a Bearer one', async () => {
      const cookie = cookiesOf(await api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD }));
      const evil = { origin: 'https://evil.example' };
      const before = await app.db.count('customers');
      const forged = await api.post('/customers', { accountId: w.accountA.id, name: 'Forged' }, { cookie, headers: evil });
      expect(forged.status).toBe(403);
      expect(forged.body.responseStatus.errorCode).toBe('Forbidden');
      expect(
        (await api.post('/customers', { accountId: w.accountA.id, name: 'x' }, { cookie, headers: { 'sec-fetch-site': 'cross-site' } }))
          .status,
      ).toBe(403);
      expect(await app.db.count('customers')).toBe(before);
      expect((await api.get('/auth/status', { cookie, headers: evil })).status).toBe(200);
      expect((await api.post('/customers', { accountId: w.accountA.id, name: 'Bearer' }, { token: w.admin, headers: evil })).status).toBe(
        200,
      );
    });

    it('accepts form-urlencoded bodies, reading booleans as the DTO declares them', async () => {
      const form = (fields: Record<string, string>) => ({
        rawBody: new URLSearchParams(fields).toString(),
        contentType: 'application/x-www-form-urlencoded',
      });
      const login = await api.post(
        '/auth/credentials',
        undefined,
        form({ userName: ADMIN_EMAIL, password: ADMIN_PASSWORD, rememberMe: 'true' }),
      );
      expect(login.status).toBe(200);
      const staged = await api.post(`/customers/${w.grandA.id}/staging`, undefined, { token: w.admin, ...form({ isStaging: 'True' }) });
      expect(staged.body.isStaging).toBe(true);
      const bad = await api.post(`/customers/${w.grandA.id}/staging`, undefined, { token: w.admin, ...form({ isStaging: 'maybe' }) });
      expect(bad.status).toBe(400);
    });
  });

  describe('CSV', () => {
    let parentId: string;
    beforeAll(async () => {
      parentId = (await createCustomer(api, w.admin, { accountId: w.accountB.id, name: 'Export root' })).id;
      const tag = (await api.post('/tags', { accountId: w.accountB.id, name: unique('csv'), color: 'Volcano' }, { token: w.admin })).body;
      for (let i = 0; i < 1000; i += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, j) =>
            createCustomer(api, w.admin, {
              parentCustomerId: parentId,
              // Names hold no line breaks (they are refused); a data text may, and CSV must quote it.
              name: `Export, "${i + j}"`,
              referenceId: i + j === 7 ? null : `ref-${i + j}`,
              data: { n: { numberValue: i + j }, label: { stringValue: 'a,b "c"\nline' } },
            }),
          ),
        );
      }
      const first = (await api.get(`/customers?parentCustomerIds=${parentId}&countPerPage=1`, { token: w.admin })).body.items[0];
      await api.patch(`/customers/${first.id}`, { tagIds: [tag.id] }, { token: w.admin });
    }, 120_000);

    it('streams a whole list by keyset: customers added meanwhile never duplicate or drop another', async () => {
      const query = `/customers?parentCustomerIds=${parentId}&all=true&sortField=name`;
      const before = (await api.get(query, { token: w.admin })).body;
      expect([before.items.length, before.totalCount, before.hasMorePages]).toEqual([1000, 1000, false]);
      const adding = Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          createCustomer(api, w.admin, { parentCustomerId: parentId, name: `Export, "${500 + i}" extra` }),
        ),
      );
      const [during] = await Promise.all([api.get(query, { token: w.admin }), adding]);
      const ids: string[] = during.body.items.map((c: { id: string }) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(before.items.every((c: { id: string }) => ids.includes(c.id))).toBe(true);
      const csv: { id: string }[] = parse((await api.get(`${query}&format=csv`, { token: w.admin })).text, { columns: true });
      expect(new Set(csv.map((r) => r.id)).size).toBe(csv.length);
      await Promise.all((await adding).map((c: { id: string }) => api.delete(`/customers/${c.id}`, { token: w.admin })));
    });

    it.each([
      ['Accept: text/csv', '', { accept: 'text/csv' }],
      ['a .csv suffix', '.csv', {}],
      ['?format=csv', '', {}, '&format=csv'],
    ] as [string, string, Record<string, string>, string?][])(
      'exports 1,000 customers via %s: 1,001 rows that round-trip to JSON',
      async (_how, suffix, headers, extra = '') => {
        const query = `?parentCustomerIds=${parentId}&all=true&sortField=name`;
        const json = await api.get(`/customers${query}`, { token: w.admin });
        expect(json.body.items).toHaveLength(1000);
        const csv = await api.get(`/customers${suffix}${query}${extra}`, { token: w.admin, headers });
        expect(csv.status).toBe(200);
        expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
        expect(csv.headers.get('content-disposition')).toBe('attachment; filename="ListCustomers.csv"');
        const rows: string[][] = parse(csv.text, { relax_column_count: false });
        expect(rows).toHaveLength(1001);
        const [header, ...body] = rows;
        expect(header).toEqual(Object.keys(json.body.items[0]));
        body.forEach((row, i) => {
          const item = json.body.items[i];
          header.forEach((key, k) => {
            if (!cellMatches(row[k], item[key])) throw new Error(`row ${i} ${key}: ${row[k]} vs ${JSON.stringify(item[key])}`);
          });
        });
      },
    );

    it('exports an empty list as its header row alone, the same header a full list has', async () => {
      for (const [path, sample] of [
        ['/customers', `/customers?specificIds=${w.rootA.id}`],
        ['/tags', '/tags'],
        ['/users', '/users'],
        ['/accounts', '/accounts'],
      ]) {
        const empty = await api.get(`${path}.csv?specificIds=00000000-0000-4000-8000-000000000000`, { token: w.admin });
        expect(empty.status).toBe(200);
        const full = await api.get(sample, { token: w.admin });
        if (!full.body.items.length)
          await api.post('/tags', { accountId: w.accountA.id, name: unique('h'), color: 'Red' }, { token: w.admin });
        const item = (await api.get(sample, { token: w.admin })).body.items[0];
        expect([path, parse(empty.text)]).toEqual([path, [Object.keys(item)]]);
      }
    });

    it('exports a single object as a header row plus one row', async () => {
      const res = await api.get(`/customers/${w.rootA.id}.csv`, { token: w.admin });
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="GetCustomer.csv"');
      const rows: string[][] = parse(res.text);
      expect(rows).toHaveLength(2);
      expect(rows[1][rows[0].indexOf('id')]).toBe(w.rootA.id);
      expect(JSON.parse(rows[1][rows[0].indexOf('breadcrumb')])).toEqual([{ id: w.rootA.id, name: 'Root A' }]);
    });

    it('keeps CSV exports scoped', async () => {
      const rows: string[][] = parse((await api.get('/customers.csv?all=true', { token: w.customerAtChild })).text);
      const ids = rows.slice(1).map((r) => r[rows[0].indexOf('id')]);
      expect(ids).toContain(w.grandA.id);
      expect(ids).not.toContain(w.rootA.id);
      expect(ids).not.toContain(parentId);
    });

    it('forces JSON with .json or ?format=json, and answers an unknown format with 406', async () => {
      const forced = await api.get(`/customers/${w.rootA.id}.json`, { token: w.admin, headers: { accept: 'text/csv' } });
      expect(forced.headers.get('content-type')).toMatch(/application\/json/);
      expect((await api.get(`/customers/${w.rootA.id}?format=json`, { token: w.admin, headers: { accept: 'text/csv' } })).body.id).toBe(
        w.rootA.id,
      );
      for (const [path, headers] of [
        [`/customers/${w.rootA.id}?format=xml`, {}],
        [`/customers/${w.rootA.id}.xml`, {}],
        [`/customers/${w.rootA.id}`, { accept: 'application/xml' }],
      ] as [string, Record<string, string>][]) {
        const res = await api.get(path, { token: w.admin, headers });
        expect(res.status).toBe(406);
        expect(res.body.responseStatus.errorCode).toBe('NotAcceptable');
      }
    });

    it('answers errors in JSON unless the client accepts only CSV', async () => {
      const mixed = await api.get('/customers/nope', { token: w.admin, headers: { accept: 'text/csv, application/json;q=0.5' } });
      expect(mixed.status).toBe(404);
      expect(mixed.body.responseStatus.errorCode).toBe('NotFound');
      const csvOnly = await api.get('/customers/nope.csv', { token: w.admin });
      expect(csvOnly.status).toBe(404);
      expect(csvOnly.headers.get('content-type')).toMatch(/text\/csv/);
      const rows: string[][] = parse(csvOnly.text);
      expect(rows[0]).toEqual(['errorCode', 'message', 'errors']);
      expect(rows[1][0]).toBe('NotFound');
    });
  });

  it('describes formats and predefined routes in the OpenAPI document, each operation once by its name', async () => {
    const doc = (await api.get('/openapi.json')).body;
    expect(doc.info.description).toMatch(/\/api\/\{Operation\}, \/json\/reply\/\{Operation\} and \/csv\/reply\/\{Operation\}/);
    expect(doc.paths['/api/ListCustomers']).toBeUndefined();
    expect(doc.paths['/customers/{customerId}'].patch.operationId).toBe('PatchCustomer');
    expect(doc.paths['/customers'].get.parameters.map((p: { name: string }) => p.name)).toContain('parentCustomerIds');
    expect(doc.paths['/customers/{customerId}'].get.responses['200'].content['text/csv']).toBeDefined();
    expect(doc.paths['/customers'].post.requestBody.content['application/json'].schema.$ref).toMatch(/NewCustomerDto/);
  });
});
