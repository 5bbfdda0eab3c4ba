import { ApiClient } from './support/api-client';
import { createAccount, createCustomer, createUser, loginAdmin, unique } from './support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';

type Operation = { path: string; method: string; op: any };

const PLACEHOLDER_IDS = {
  accountId: '00000000-0000-4000-8000-0000000000a1',
  tagId: '00000000-0000-4000-8000-0000000000d1',
};

describe('The OpenAPI document teaches the API (e2e)', () => {
  let app: TestApp;
  let api: ApiClient;
  let doc: any;
  let operations: Operation[];

  beforeAll(async () => {
    app = await startTestApp();
    api = app.api;
    doc = (await api.get('/openapi.json')).body;
    operations = Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
      Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
  });
  afterAll(() => app?.stop());

  const find = (operationId: string): any => operations.find((o) => o.op.operationId === operationId)!.op;

  it('groups operations by resource in a sensible order', () => {
    expect(doc.tags.map((t: any) => t.name)).toEqual(['Auth', 'Accounts', 'Customers', 'Schedules', 'Tags', 'Users', 'Health']);
    expect(find('GetScheduleState').tags).toEqual(['Schedules']);
    expect(find('NewCustomer').tags).toEqual(['Customers']);
  });

  it('says who may call each operation, in its description and as x-roles', () => {
    for (const { op } of operations.filter((o) => o.op.operationId !== 'GetHealth')) {
      expect({ id: op.operationId, roles: Array.isArray(op['x-roles']) }).toEqual({ id: op.operationId, roles: true });
      expect(op.description).toMatch(/\*\*(Roles|Who may call it):\*\*/);
    }
    expect(find('NewAccount')['x-roles']).toEqual(['SystemAdministrator']);
    expect(find('NewAccount').description).toContain('**Roles:** SystemAdministrator');
    expect(find('SetCustomerStagingMode')['x-roles']).toEqual(['SystemAdministrator', 'Manager']);
    expect(find('Authenticate_credentials')['x-roles']).toEqual([]);
  });

  it('documents the errors each operation answers, in the ResponseStatus shape the API really uses', async () => {
    expect(doc.components.schemas.ErrorResponse.properties.responseStatus.$ref).toBe('#/components/schemas/ResponseStatus');
    const codes = (id: string) => Object.keys(find(id).responses);
    expect(codes('NewCustomer')).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409']));
    expect(codes('GetCustomer')).toEqual(expect.arrayContaining(['401', '403', '404']));
    expect(codes('PatchCustomer')).toEqual(expect.arrayContaining(['400', '404', '409', '412']));
    expect(codes('Authenticate_credentials')).toEqual(expect.arrayContaining(['400', '401', '429']));
    expect(codes('Authenticate_credentials')).not.toContain('403');
    const documented = find('NewCustomer').responses['400'].content['application/json'];
    expect(documented.schema.$ref).toBe('#/components/schemas/ErrorResponse');
    const real = await api.post('/customers', { name: '' }, { token: await loginAdmin(api) });
    expect(real.status).toBe(400);
    expect(Object.keys(real.body)).toEqual(Object.keys(documented.example));
    expect(Object.keys(real.body.responseStatus).sort()).toEqual(Object.keys(documented.example.responseStatus).sort());
    expect(Object.keys(real.body.responseStatus.errors[0]).sort()).toEqual(Object.keys(documented.example.responseStatus.errors[0]).sort());
  });

  it('documents Struct fields with their Value format', () => {
    const data = doc.components.schemas.NewCustomerDto.properties.data;
    expect(data.additionalProperties).toEqual({ $ref: '#/components/schemas/Value' });
    expect(data.example.plan).toEqual({ stringValue: 'gold' });
    expect(Object.keys(doc.components.schemas.Value.properties).sort()).toEqual([
      'boolValue',
      'listValue',
      'numberValue',
      'stringValue',
      'structValue',
    ]);
  });

  it('has a request example on every operation with a body, and the API accepts each once real ids are put in', async () => {
    const admin = await loginAdmin(api);
    const account = await createAccount(api, admin, { name: unique('Examples') });
    const customer = await createCustomer(api, admin, { accountId: account.id, name: 'Example customer' });
    const tag = (await api.post('/tags', { accountId: account.id, name: unique('Example tag'), color: 'Blue' }, { token: admin })).body;
    const user = await createUser(api, admin, { accountId: account.id, roles: ['Manager'] });
    const login = (await api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD })).body;
    const pathIds: Record<string, string> = { customerId: customer.id, accountId: account.id, tagId: tag.id, userId: user.id };
    const withBody = operations.filter((o) => o.op.requestBody);
    expect(withBody.length).toBeGreaterThan(10);
    for (const { path, method, op } of withBody) {
      const example = op.requestBody.content['application/json'].example;
      expect({ id: op.operationId, example: example !== undefined }).toEqual({ id: op.operationId, example: true });
      let body = JSON.stringify(example).replaceAll(PLACEHOLDER_IDS.accountId, account.id).replaceAll(PLACEHOLDER_IDS.tagId, tag.id);
      if (op.operationId.startsWith('Authenticate'))
        body = JSON.stringify({ ...JSON.parse(body), userName: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      if (op.operationId === 'GetAccessToken') body = JSON.stringify({ refreshToken: login.refreshToken });
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => pathIds[name]);
      const res = await api.request(method, url, JSON.parse(body), { token: admin });
      expect({ id: op.operationId, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({
        id: op.operationId,
        status: 200,
        body: undefined,
      });
    }
  });
});
