import { FaultProxy } from './support/fault-proxy';
import { createAccount, createCustomer, loginAdmin } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DB, TEST_MYSQL_URL } from './support/test-database';

const describeOnMysql = TEST_DB === 'mysql' ? describe : describe.skip;

describeOnMysql('Database outage on MySQL/MariaDB (e2e)', () => {
  let app: TestApp;
  let proxy: FaultProxy;

  beforeAll(async () => {
    const server = new URL(TEST_MYSQL_URL);
    proxy = new FaultProxy({ host: server.hostname, port: Number(server.port || 3306) });
    const port = await proxy.start();
    app = await startTestApp({}, (url) => {
      const viaProxy = new URL(url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(port);
      return viaProxy.toString();
    });
  });
  afterAll(async () => {
    await proxy?.stop();
    await app?.stop();
  });

  it('answers 503 in the ServiceStack shape while the database is away, and recovers', async () => {
    const admin = await loginAdmin(app.api);
    const customer = await createCustomer(app.api, admin, { accountId: (await createAccount(app.api, admin)).id });
    proxy.cut();
    for (const res of [await app.api.get(`/customers/${customer.id}`, { token: admin }), await app.api.get('/health')]) {
      expect(res.status).toBe(503);
      expect(res.body.responseStatus.errorCode).toBe('ServiceUnavailable');
      expect(res.text).not.toMatch(/at \w+ \(/);
    }
    proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await app.api.get(`/customers/${customer.id}`, { token: admin })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });
});
