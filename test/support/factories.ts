import { ApiClient } from './api-client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './test-app';

let sequence = 0;
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${++sequence}`;

function expectOk<T>(res: { status: number; body: T; text: string }, what: string): T {
  if (res.status !== 200) throw new Error(`${what} failed: ${res.status} ${res.text}`);
  return res.body;
}

export async function login(api: ApiClient, email: string, password: string): Promise<string> {
  const body = expectOk(await api.post('/auth/credentials', { userName: email, password }), `login ${email}`);
  return (body as { bearerToken: string }).bearerToken;
}

export const loginAdmin = (api: ApiClient): Promise<string> => login(api, ADMIN_EMAIL, ADMIN_PASSWORD);

export async function createAccount(api: ApiClient, token: string, body: Record<string, unknown> = {}): Promise<any> {
  return expectOk(await api.post('/accounts', { name: unique('Account'), ...body }, { token }), 'create account');
}

export async function createCustomer(api: ApiClient, token: string, body: Record<string, unknown>): Promise<any> {
  return expectOk(await api.post('/customers', { name: unique('Customer'), ...body }, { token }), 'create customer');
}

/** Creates a user and logs it in. */
export async function createUser(
  api: ApiClient,
  token: string,
  body: Record<string, unknown>,
): Promise<{ id: string; email: string; password: string; token: string }> {
  const email = `${unique('user')}@voice.test`.toLowerCase();
  const password = 'user-password-1';
  const user: { id: string } = expectOk(await api.post('/users', { emailAddress: email, password, ...body }, { token }), 'create user');
  return { id: user.id, email, password, token: await login(api, email, password) };
}

export interface World {
  admin: string;
  accountA: any;
  accountB: any;
  managerA: string;
  managerB: string;
  /** Account A: rootA > childA > grandA, rootA > siblingA; account B: rootB */
  rootA: any;
  childA: any;
  grandA: any;
  siblingA: any;
  rootB: any;
  customerAtRoot: string;
  customerAtChild: string;
}

/** Two accounts, a small tree, and a user of every kind the contract names. */
export async function createWorld(api: ApiClient): Promise<World> {
  const admin = await loginAdmin(api);
  const accountA = await createAccount(api, admin, { name: unique('Account A') });
  const accountB = await createAccount(api, admin, { name: unique('Account B') });
  const rootA = await createCustomer(api, admin, { accountId: accountA.id, name: 'Root A' });
  const childA = await createCustomer(api, admin, { parentCustomerId: rootA.id, name: 'Child A' });
  const grandA = await createCustomer(api, admin, { parentCustomerId: childA.id, name: 'Grand A' });
  const siblingA = await createCustomer(api, admin, { parentCustomerId: rootA.id, name: 'Sibling A' });
  const rootB = await createCustomer(api, admin, { accountId: accountB.id, name: 'Root B' });
  const managerA = (await createUser(api, admin, { accountId: accountA.id, roles: ['Manager'] })).token;
  const managerB = (await createUser(api, admin, { accountId: accountB.id, roles: ['Manager'] })).token;
  const customerAtRoot = (await createUser(api, admin, { customerId: rootA.id })).token;
  const customerAtChild = (await createUser(api, admin, { customerId: childA.id })).token;
  return { admin, accountA, accountB, managerA, managerB, rootA, childA, grandA, siblingA, rootB, customerAtRoot, customerAtChild };
}

/** A suite's app on a fresh database, with a World in it. */
export async function startWorld(env: Record<string, string> = {}): Promise<{ app: TestApp; api: ApiClient; w: World }> {
  const app = await startTestApp(env);
  return { app, api: app.api, w: await createWorld(app.api) };
}
