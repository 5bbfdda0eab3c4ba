import { ApiClient } from './support/api-client';
import { createAccount, createCustomer, createUser, startWorld, unique, World } from './support/factories';
import { TestApp } from './support/test-app';

const ROLES = ['anonymous', 'admin', 'managerA', 'managerB', 'customerAtRoot', 'customerAtChild'] as const;
type Caller = (typeof ROLES)[number];

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Built per call, so routes that change or delete something get a fresh target each time. */
  path: (w: World) => Promise<string> | string;
  body?: (w: World) => unknown;
  expected: [number, number, number, number, number, number];
}

interface DocumentedRoute {
  method: string;
  pattern: RegExp;
  params: string[];
  operationId: string;
}

/** The custom routes and their operations, read from the OpenAPI document (operationId = operation). */
async function documentedRoutes(api: ApiClient): Promise<DocumentedRoute[]> {
  const doc = (await api.get('/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string }>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '([^/?]+)')}(\\?.*)?$`),
      params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      operationId: op.operationId.split('_')[0],
    })),
  );
}

/**
 * The same request through ServiceStack's predefined route `/api/{Operation}`: path parameters
 * become fields, in the query for GET and DELETE, in the body for POST and PATCH.
 */
function viaPredefined(routes: DocumentedRoute[], method: string, path: string, body: unknown): { path: string; body: unknown } {
  const route = routes.find((r) => r.method === method && r.pattern.test(path) && !path.startsWith('/health'));
  if (!route) return { path, body };
  const match = route.pattern.exec(path)!;
  const fields = Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  const query = new URLSearchParams((match[route.params.length + 1] ?? '').replace(/^\?/, ''));
  if (method === 'GET' || method === 'DELETE') {
    for (const [k, v] of Object.entries(fields)) query.set(k, v);
    return { path: `/api/${route.operationId}${query.size ? `?${query.toString()}` : ''}`, body };
  }
  return { path: `/api/${route.operationId}${query.size ? `?${query.toString()}` : ''}`, body: { ...(body as object), ...fields } };
}

describe.each(['custom routes', 'predefined routes /api/{Operation}'])(
  'Authorization matrix: every route × method × role, through %s (e2e)',
  (through) => {
    let app: TestApp;
    let api: ApiClient;
    let w: World;
    let managerAId: string;
    let routes: DocumentedRoute[];

    beforeAll(async () => {
      ({ app, api, w } = await startWorld());
      managerAId = (await api.get('/auth/status', { token: w.managerA })).body.id;
      routes = await documentedRoutes(api);
    });
    afterAll(() => app?.stop());

    const leafUnder = async (parent: { id: string }) => (await createCustomer(api, w.admin, { parentCustomerId: parent.id })).id;
    const tagInA = async () =>
      (await api.post('/tags', { accountId: w.accountA.id, name: unique('tag'), color: 'Red' }, { token: w.admin })).body.id;
    const userInA = async () => (await createUser(api, w.admin, { accountId: w.accountA.id })).id;
    const schedule = { timeZoneId: 'UTC', rules: [] };

    //                                   anon admin mgrA mgrB custRoot custChild
    const rows: [string, Row][] = [
      ['health', { method: 'GET', path: () => '/health', expected: [200, 200, 200, 200, 200, 200] }],
      ['auth status', { method: 'GET', path: () => '/auth/status', expected: [401, 200, 200, 200, 200, 200] }],
      [
        'refresh with a bad token',
        { method: 'POST', path: () => '/access-token', body: () => ({ refreshToken: 'x.y' }), expected: [401, 401, 401, 401, 401, 401] },
      ],
      ['list customers', { method: 'GET', path: () => '/customers', expected: [401, 200, 200, 200, 200, 200] }],
      [
        'create under childA',
        {
          method: 'POST',
          path: () => '/customers',
          body: (x) => ({ parentCustomerId: x.childA.id, name: unique('m') }),
          expected: [401, 200, 200, 404, 200, 200],
        },
      ],
      [
        'create under rootA',
        {
          method: 'POST',
          path: () => '/customers',
          body: (x) => ({ parentCustomerId: x.rootA.id, name: unique('m') }),
          expected: [401, 200, 200, 404, 200, 404],
        },
      ],
      [
        'create a root in A',
        {
          method: 'POST',
          path: () => '/customers',
          body: (x) => ({ accountId: x.accountA.id, name: unique('m') }),
          expected: [401, 200, 200, 404, 403, 403],
        },
      ],
      ['get childA', { method: 'GET', path: (x) => `/customers/${x.childA.id}`, expected: [401, 200, 200, 404, 200, 200] }],
      ['get rootA', { method: 'GET', path: (x) => `/customers/${x.rootA.id}`, expected: [401, 200, 200, 404, 200, 404] }],
      ['get rootB', { method: 'GET', path: (x) => `/customers/${x.rootB.id}`, expected: [401, 200, 404, 200, 404, 404] }],
      [
        'list below rootA',
        { method: 'GET', path: (x) => `/customers?parentCustomerIds=${x.rootA.id}`, expected: [401, 200, 200, 404, 200, 404] },
      ],
      [
        'patch grandA',
        {
          method: 'PATCH',
          path: (x) => `/customers/${x.grandA.id}`,
          body: () => ({ name: 'Grand A' }),
          expected: [401, 200, 200, 404, 200, 200],
        },
      ],
      [
        'patch siblingA',
        {
          method: 'PATCH',
          path: (x) => `/customers/${x.siblingA.id}`,
          body: () => ({ name: 'Sibling A' }),
          expected: [401, 200, 200, 404, 200, 404],
        },
      ],
      [
        'patch grandA billing',
        {
          method: 'PATCH',
          path: (x) => `/customers/${x.grandA.id}`,
          // A real change every time: sending back what is already there is no change (reading rules).
          body: () => ({ overrideBillingSettings: true, billingSettings: { base: { baseCost: Math.random() } } }),
          expected: [401, 200, 200, 404, 403, 403],
        },
      ],
      ['delete a leaf below grandA', { method: 'DELETE', path: () => leafUnder(w.grandA), expected: [401, 200, 200, 404, 200, 200] }],
      ['delete a leaf below siblingA', { method: 'DELETE', path: () => leafUnder(w.siblingA), expected: [401, 200, 200, 404, 200, 404] }],
      [
        'staging of childA',
        {
          method: 'POST',
          path: (x) => `/customers/${x.childA.id}/staging`,
          body: () => ({ isStaging: false }),
          expected: [401, 200, 200, 404, 403, 403],
        },
      ],
      [
        'inherited schedule of childA',
        { method: 'GET', path: (x) => `/customers/${x.childA.id}/inherited-schedule`, expected: [401, 200, 200, 404, 200, 200] },
      ],
      [
        'test schedule of childA',
        {
          method: 'POST',
          path: (x) => `/customers/${x.childA.id}/test-schedule`,
          body: () => ({ schedule, dateTime: '2026-01-05T10:00:00Z' }),
          expected: [401, 200, 200, 404, 200, 200],
        },
      ],
      [
        'schedule state of rootA',
        { method: 'GET', path: (x) => `/customers/${x.rootA.id}/schedule-state`, expected: [401, 200, 200, 404, 200, 404] },
      ],
      ['list accounts', { method: 'GET', path: () => '/accounts', expected: [401, 200, 200, 200, 200, 200] }],
      ['get account A', { method: 'GET', path: (x) => `/accounts/${x.accountA.id}`, expected: [401, 200, 200, 404, 200, 200] }],
      [
        'create account',
        { method: 'POST', path: () => '/accounts', body: () => ({ name: unique('acc') }), expected: [401, 200, 403, 403, 403, 403] },
      ],
      [
        'patch account A',
        {
          method: 'PATCH',
          path: (x) => `/accounts/${x.accountA.id}`,
          body: (x) => ({ name: x.accountA.name }),
          expected: [401, 200, 403, 403, 403, 403],
        },
      ],
      [
        'delete an empty account',
        {
          method: 'DELETE',
          path: async () => `/accounts/${(await createAccount(api, w.admin)).id}`,
          expected: [401, 200, 403, 403, 403, 403],
        },
      ],
      ['list tags', { method: 'GET', path: () => '/tags', expected: [401, 200, 200, 200, 200, 200] }],
      [
        'create tag in A',
        {
          method: 'POST',
          path: () => '/tags',
          body: (x) => ({ accountId: x.accountA.id, name: unique('t'), color: 'Blue' }),
          expected: [401, 200, 200, 404, 200, 200],
        },
      ],
      [
        'patch tag in A',
        {
          method: 'PATCH',
          path: async () => `/tags/${await tagInA()}`,
          body: () => ({ color: 'Gold' }),
          expected: [401, 200, 200, 404, 200, 200],
        },
      ],
      ['delete tag in A', { method: 'DELETE', path: async () => `/tags/${await tagInA()}`, expected: [401, 200, 200, 404, 200, 200] }],
      ['list users', { method: 'GET', path: () => '/users', expected: [401, 200, 200, 200, 403, 403] }],
      [
        'create user in A',
        {
          method: 'POST',
          path: () => '/users',
          body: (x) => ({ accountId: x.accountA.id, emailAddress: `${unique('u')}@voice.test`, password: 'password-1' }),
          expected: [401, 200, 200, 404, 403, 403],
        },
      ],
      [
        'create administrator',
        {
          method: 'POST',
          path: () => '/users',
          body: () => ({ roles: ['SystemAdministrator'], emailAddress: `${unique('u')}@voice.test`, password: 'password-1' }),
          expected: [401, 200, 403, 403, 403, 403],
        },
      ],
      ['get manager A', { method: 'GET', path: () => `/users/${managerAId}`, expected: [401, 200, 200, 404, 403, 403] }],
      [
        'patch a user in A',
        {
          method: 'PATCH',
          path: async () => `/users/${await userInA()}`,
          body: () => ({ firstName: 'New' }),
          expected: [401, 200, 200, 404, 403, 403],
        },
      ],
      [
        'change roles of a user in A',
        {
          method: 'PATCH',
          path: async () => `/users/${await userInA()}`,
          body: () => ({ roles: ['Manager', 'SystemAdministrator'] }),
          expected: [401, 200, 403, 404, 403, 403],
        },
      ],
      ['delete a user in A', { method: 'DELETE', path: async () => `/users/${await userInA()}`, expected: [401, 200, 200, 404, 403, 403] }],
    ];

    it.each(rows)('%s', async (_name, row) => {
      const got: Record<Caller, number> = {} as Record<Caller, number>;
      for (const role of ROLES) {
        const path = await row.path(w);
        const token = role === 'anonymous' ? undefined : w[role === 'admin' ? 'admin' : role];
        const custom = path.startsWith('/') ? path : `/customers/${path}`;
        const request =
          through === 'custom routes' ? { path: custom, body: row.body?.(w) } : viaPredefined(routes, row.method, custom, row.body?.(w));
        const res = await api.request(row.method, request.path, request.body, { token });
        got[role] = res.status;
        expect(res.body.responseStatus === undefined).toBe(res.status < 400);
      }
      expect(got).toEqual(Object.fromEntries(ROLES.map((r, i) => [r, row.expected[i]])));
    });
  },
);
