import { createAccount, createCustomer, loginAdmin } from './support/factories';
import { ADMIN_EMAIL, startTestApp, TestApp } from './support/test-app';
import { TEST_DB } from './support/test-database';

const TOKEN = 'metrics-token-for-the-e2e-suite';

/** A sample's value from Prometheus text, by metric name and exact label set. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('Prometheus metrics at /metrics (e2e)', () => {
  let app: TestApp;
  const scrape = async () => (await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

  beforeAll(async () => {
    app = await startTestApp({ METRICS_TOKEN: TOKEN, LOGIN_ATTEMPTS_PER_MINUTE: '3' });
  });
  afterAll(() => app?.stop());

  it('answers only the scraper holding METRICS_TOKEN', async () => {
    const anonymous = await app.api.get('/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.responseStatus.errorCode).toBe('Unauthorized');
    expect((await app.api.get('/metrics', { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    const res = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
  });

  it('counts requests and their latency by operation and status, logins refused and throttled, and the event loop', async () => {
    const admin = await loginAdmin(app.api);
    const account = await createAccount(app.api, admin);
    const customer = await createCustomer(app.api, admin, { accountId: account.id });
    await app.api.get(`/customers/${customer.id}`, { token: admin });
    await app.api.get(`/api/GetCustomer?customerId=${customer.id}`, { token: admin });
    await app.api.get(`/customers/${customer.id}/no-such-thing`, { token: admin });
    for (let i = 0; i < 3; i++) await app.api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: 'not the password' });

    const text = await scrape();
    expect(sample(text, 'voice_http_requests_total', 'operation="NewCustomer",method="POST",status="200"')).toBe(1);
    // The custom route and the predefined one are the same operation.
    expect(sample(text, 'voice_http_requests_total', 'operation="GetCustomer",method="GET",status="200"')).toBe(2);
    expect(sample(text, 'voice_http_request_duration_seconds_count', 'operation="GetCustomer",status="200"')).toBe(2);
    // A URL that matched nothing is one label, whatever it was.
    expect(sample(text, 'voice_http_requests_total', 'operation="unmatched",method="GET",status="404"')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('no-such-thing');
    // One login this suite made, then two wrong passwords, then the fourth attempt in a minute is throttled.
    expect(sample(text, 'voice_login_refusals_total', 'reason="failed"')).toBe(2);
    expect(sample(text, 'voice_login_refusals_total', 'reason="throttled"')).toBe(1);
    expect(text).toMatch(/^voice_nodejs_eventloop_lag_seconds \d/m);
  });

  (TEST_DB === 'mysql' ? it : it.skip)('shows the MySQL pool and query latency', async () => {
    const text = await scrape();
    expect(sample(text, 'voice_db_pool_connections', 'state="in_use"')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'voice_db_pool_connections', 'state="idle"')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'voice_db_pool_connections', 'state="waiting"')).toBe(0);
    expect(sample(text, 'voice_db_query_duration_seconds_count')).toBeGreaterThan(5);
  });

  it('is not served at all without METRICS_TOKEN', async () => {
    const plain = await startTestApp();
    try {
      const res = await plain.api.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
      expect(res.body.responseStatus.errorCode).toBe('NotFound');
    } finally {
      await plain.stop();
    }
  });
});
