import { createServer, Server, Socket } from 'node:net';
import { createAccount, createCustomer, loginAdmin } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DB, TEST_MYSQL_URL } from './support/test-database';

/** A TCP proxy in front of MySQL that the test can cut and restore. */
class CuttableProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly target: { host: string; port: number },
    readonly port = 0,
  ) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    (this as { port: number }).port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const describeOnMysql = TEST_DB === 'mysql' ? describe : describe.skip;

describeOnMysql('Database outage on MySQL/MariaDB (e2e)', () => {
  let app: TestApp;
  let proxy: CuttableProxy;

  beforeAll(async () => {
    const server = new URL(TEST_MYSQL_URL);
    proxy = new CuttableProxy({ host: server.hostname, port: Number(server.port || 3306) });
    const port = await proxy.start();
    app = await startTestApp({}, (url) => {
      const viaProxy = new URL(url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(port);
      return viaProxy.toString();
    });
  });
  afterAll(async () => {
    await proxy?.cut();
    await app?.stop();
  });

  it('answers 503 in the ServiceStack shape while the database is away, and recovers', async () => {
    const admin = await loginAdmin(app.api);
    const customer = await createCustomer(app.api, admin, { accountId: (await createAccount(app.api, admin)).id });
    await proxy.cut();
    for (const res of [await app.api.get(`/customers/${customer.id}`, { token: admin }), await app.api.get('/health')]) {
      expect(res.status).toBe(503);
      expect(res.body.responseStatus.errorCode).toBe('ServiceUnavailable');
      expect(res.text).not.toMatch(/at \w+ \(/);
    }
    proxy = new CuttableProxy(proxy.target, proxy.port);
    await proxy.start();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await app.api.get(`/customers/${customer.id}`, { token: admin })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });
});
