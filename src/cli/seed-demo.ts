/**
 * `npm run seed:demo`: fills an empty database (DATABASE_URL, .env) with a small, believable
 * reseller, through the API's own operations (in-process, so every rule and limit applies), and
 * prints how to log in as a user of each role. Refuses a database that already has accounts.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import { Role } from '../common/auth/role.enum';
import { databaseConfig } from '../config/database.config';
import { ConfigError } from '../config/env';
import { loadEnvFile } from '../config/env-file';
import { checkDatabaseServer } from '../database/database-preflight';
import { EXAMPLE_APP_SETTINGS, EXAMPLE_BILLING, EXAMPLE_SCHEDULE } from '../openapi/examples';
import { writeAfterLogs } from '../common/logging/app-logger';
import { AdminBootstrapService } from '../users/admin-bootstrap.service';
import { UsersService } from '../users/users.service';
import { DEMO_CUSTOMERS, DEMO_TAGS } from './demo-data';

class Refusal extends Error {}

type Call = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) => Promise<Record<string, any>>;

/** The API itself, without a socket: Fastify's inject runs the same routes, guards and validation. */
function caller(app: NestFastifyApplication, token?: string): Call {
  return async (method, url, body) => {
    const res = await app.inject({ method, url, payload: body, headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (res.statusCode !== 200) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json();
  };
}

const password = () => randomBytes(12).toString('base64url');

async function seed(app: NestFastifyApplication): Promise<string[]> {
  const db = app.get(DataSource);
  const [{ n }] = await db.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM accounts');
  if (Number(n) > 0)
    throw new Refusal(`seed:demo fills an empty database; this one already has ${n} account(s). Point DATABASE_URL at a new one.`);

  const logins = { admin: { email: 'demo-admin@example.com', password: password() } };
  await app.get(UsersService).insert(null, {
    email: logins.admin.email,
    password: logins.admin.password,
    firstName: 'Dana',
    lastName: 'Admin',
    roles: [Role.SystemAdministrator],
    customerId: null,
    accountIds: [],
  });
  const anonymous = caller(app);
  const admin = caller(
    app,
    (await anonymous('POST', '/auth/credentials', { userName: logins.admin.email, password: logins.admin.password })).bearerToken,
  );

  const account = await admin('POST', '/accounts', {
    name: 'Northwind Communications',
    billingSettings: EXAMPLE_BILLING,
    appSettings: EXAMPLE_APP_SETTINGS,
  });
  await admin('PATCH', `/accounts/${account.id}`, { schedule: EXAMPLE_SCHEDULE });
  await admin('POST', '/accounts', { name: 'Bluebird Telecom' });
  const tags: Record<string, string> = {};
  for (const tag of DEMO_TAGS) tags[tag.name] = (await admin('POST', '/tags', { accountId: account.id, ...tag })).id;

  const ids: Record<string, string> = {};
  for (const c of DEMO_CUSTOMERS) {
    const created = await admin('POST', '/customers', {
      accountId: account.id,
      parentCustomerId: c.parent ? ids[c.parent] : undefined,
      name: c.name,
      referenceId: c.referenceId,
      data: c.data,
    });
    ids[c.name] = created.id;
    const patch = { tagIds: c.tags.map((t) => tags[t]), ...(c.schedule ? { schedule: c.schedule } : {}) };
    await admin('PATCH', `/customers/${created.id}`, patch);
  }

  const manager = { email: 'demo-manager@example.com', password: password() };
  await admin('POST', '/users', {
    accountId: account.id,
    emailAddress: manager.email,
    password: manager.password,
    firstName: 'Morgan',
    lastName: 'Manager',
    roles: ['Manager'],
  });
  const customer = { email: 'demo-customer@example.com', password: password() };
  await admin('POST', '/users', {
    customerId: ids['Acme Dental Group'],
    emailAddress: customer.email,
    password: customer.password,
    firstName: 'Casey',
    lastName: 'Customer',
    roles: ['Customer'],
  });

  return [
    `Demo data: accounts "Northwind Communications" (with ${DEMO_CUSTOMERS.length} customers, ${DEMO_TAGS.length} tags, business hours) and "Bluebird Telecom".`,
    'Log in (POST /auth/credentials, or Swagger UI at /swagger-ui) as:',
    '',
    `  SystemAdministrator  ${logins.admin.email}  ${logins.admin.password}`,
    `  Manager              ${manager.email}  ${manager.password}   (Northwind Communications)`,
    `  Customer             ${customer.email}  ${customer.password}   (Acme Dental Group and its branches)`,
    '',
    'These passwords are not shown again; npm run admin -- reset-password <email> makes new ones.',
  ];
}

async function main(): Promise<void> {
  loadEnvFile();
  await checkDatabaseServer(databaseConfig());
  // Its requests are the seed's own: not logged one by one.
  const app = await createApp({ requestLog: false });
  await app.init();
  try {
    const lines = await seed(app);
    writeAfterLogs(`\n${lines.join('\n')}\n\n`);
    // A first start on this database made an administrator too: say so, as `npm start` would.
    const announcement = app.get(AdminBootstrapService).announcement;
    if (announcement) writeAfterLogs(announcement);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Refusal || err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
