import { parse } from 'csv-parse/sync';
import { createCustomer, startWorld, World } from './support/factories';
import { ApiClient } from './support/api-client';
import { ADMIN_EMAIL, TestApp } from './support/test-app';

describe("ServiceStack's remaining routes: /csv/reply, 405, GET /auth (e2e)", () => {
  let app: TestApp;
  let api: ApiClient;
  let w: World;

  beforeAll(async () => {
    ({ app, api, w } = await startWorld());
  });
  afterAll(() => app.stop());

  it('answers /csv/reply/{Operation} in CSV, for query-borne and body-borne operations alike', async () => {
    const list = await api.get(`/csv/reply/ListCustomers?accountIds=${w.accountA.id}`, { token: w.admin });
    expect([list.status, list.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(list.headers.get('content-disposition')).toBe('attachment; filename="ListCustomers.csv"');
    expect(parse(list.text, { columns: true }).length).toBeGreaterThan(0);
    const made = await api.post('/csv/reply/NewCustomer', { accountId: w.accountA.id, name: 'By CSV reply' }, { token: w.admin });
    const [row]: Record<string, string>[] = parse(made.text, { columns: true });
    expect([made.status, row.name]).toEqual([200, 'By CSV reply']);
    const patched = await api.patch('/csv/reply/PatchCustomer', { customerId: row.id, name: 'Patched by CSV reply' }, { token: w.admin });
    const patchedRows: Record<string, string>[] = parse(patched.text, { columns: true });
    expect(patchedRows[0].name).toBe('Patched by CSV reply');
  });

  it('answers a known route called with a verb it does not take with a ServiceStack-shaped 405 and Allow', async () => {
    const c = await createCustomer(api, w.admin, { accountId: w.accountA.id });
    for (const [method, path, allow] of [
      ['PUT', '/customers', 'GET, POST'],
      ['DELETE', '/customers', 'GET, POST'],
      ['PUT', `/customers/${c.id}`, 'GET, PATCH, DELETE'],
      ['GET', `/customers/${c.id}/test-schedule`, 'POST'],
      ['POST', '/auth/status', 'GET'],
    ]) {
      const res = await api.request(method, path, undefined, { token: w.admin });
      expect([method, path, res.status, res.headers.get('allow'), res.body.responseStatus.errorCode]).toEqual([
        method,
        path,
        405,
        allow,
        'MethodNotAllowed',
      ]);
    }
    expect((await api.get('/no/such/route', { token: w.admin })).status).toBe(404);
  });

  it('serves every documented operation at its predefined routes, each documented once by its operation name', async () => {
    const doc = (await api.get('/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(Object.keys(doc.paths).filter((p) => /^\/(api|json\/reply|csv\/reply)\//.test(p))).toEqual([]);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), id: op.operationId })),
    );
    const ids = operations.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations.filter((o) => o.path !== '/health' && !o.id.includes('_'))) {
      expect(op.id).toMatch(/^[A-Z][A-Za-z]+$/);
      for (const prefix of ['/api/', '/json/reply/', '/csv/reply/']) {
        // Anonymous: a protected operation answers 401, a public one a 4xx for its missing fields; never 404 or 405.
        const res = await api.request(op.method, `${prefix}${op.id}`, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
        expect([op.id, prefix, [404, 405].includes(res.status)]).toEqual([op.id, prefix, false]);
      }
    }
  });

  it("answers GET /auth with the caller's session as an AuthenticateResponse", async () => {
    const res = await api.get('/auth', { token: w.admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      userId: expect.any(String),
      sessionId: expect.any(String),
      userName: ADMIN_EMAIL,
      displayName: expect.any(String),
      bearerToken: w.admin,
      refreshToken: null,
      roles: ['SystemAdministrator'],
    });
    expect((await api.get('/auth')).status).toBe(401);
  });
});
