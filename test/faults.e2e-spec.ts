import { createHash, randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { createAccount, createCustomer, loginAdmin, startWorld, World } from './support/factories';
import { FaultProxy } from './support/fault-proxy';
import { ApiClient } from './support/api-client';
import { ADMIN_EMAIL, startTestApp, TestApp } from './support/test-app';
import { TEST_DB, TEST_MYSQL_URL } from './support/test-database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `ok` holds, at most `ms`; returns how long it took. */
async function within(ms: number, ok: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await ok())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await sleep(100);
  }
  return Date.now() - start;
}

const describeOnMysql = TEST_DB === 'mysql' ? describe : describe.skip;

describeOnMysql('A stalled or dead database gives fast, honest answers (e2e, MySQL/MariaDB)', () => {
  let app: TestApp;
  let proxy: FaultProxy;
  let admin: string;
  let accountId: string;

  beforeAll(async () => {
    const server = new URL(TEST_MYSQL_URL);
    proxy = new FaultProxy({ host: server.hostname, port: Number(server.port || 3306) });
    const port = await proxy.start();
    const env = { DB_QUERY_TIMEOUT_MS: '1500', DB_POOL_WAIT_MS: '1000', DB_POOL_QUEUE_LIMIT: '20', DB_POOL_SIZE: '5' };
    app = await startTestApp(env, (url) => {
      const viaProxy = new URL(url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(port);
      return viaProxy.toString();
    });
    admin = await loginAdmin(app.api);
    accountId = (await createAccount(app.api, admin)).id;
  });
  afterAll(async () => {
    await proxy?.stop();
    await app?.stop();
  });

  it('answers 503 with Retry-After within the bounds while the database stalls, health turns, and all recovers', async () => {
    const customer = await createCustomer(app.api, admin, { accountId });
    proxy.freeze();
    try {
      const started = Date.now();
      const burst = await Promise.all(Array.from({ length: 40 }, () => app.api.get(`/customers/${customer.id}`, { token: admin })));
      const elapsed = Date.now() - started;
      expect(new Set(burst.map((r) => r.status))).toEqual(new Set([503]));
      expect(burst.every((r) => r.headers.get('retry-after') !== null && r.body.responseStatus.errorCode === 'ServiceUnavailable')).toBe(
        true,
      );
      // Bounded by the query and pool timeouts, not by the stall (which lasts as long as this test likes).
      expect(elapsed).toBeLessThan(15_000);
      const stallToUnhealthy = await within(5000, async () => (await app.api.get('/health')).status === 503);
      console.log(`stall → /health 503 in ${stallToUnhealthy} ms; a burst of 40 requests answered 503 in ${elapsed} ms`);
    } finally {
      proxy.restore();
    }
    const recovery = await within(10_000, async () => (await app.api.get('/health')).status === 200);
    console.log(`recovery → /health 200 in ${recovery} ms`);
    expect((await app.api.get(`/customers/${customer.id}`, { token: admin })).status).toBe(200);
  });

  it('lets clients retry by Idempotency-Key across a dead database: every acknowledged or retried create exists once', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `Retried ${i} ${randomUUID()}`);
    const keys = names.map(() => randomUUID());
    const send = (i: number) =>
      app.api
        .post('/customers', { accountId, name: names[i] }, { token: admin, headers: { 'idempotency-key': keys[i] } })
        .catch(() => ({ status: 0 }));
    const first = Promise.all(names.map((_, i) => send(i)));
    await sleep(20);
    proxy.cut();
    const firstStatuses = (await first).map((r) => r.status);
    await sleep(500);
    proxy.restore();
    await within(10_000, async () => (await app.api.get('/health')).status === 200);
    const retried = await Promise.all(names.map((_, i) => send(i)));
    expect(retried.map((r) => r.status)).toEqual(names.map(() => 200));
    for (const name of names) expect((await app.db.query('SELECT id FROM customers WHERE name = ?', [name])).length).toBe(1);
    console.log(`first attempts during the cut: ${firstStatuses.join(',')}; after retries by key: every create exists once`);
  });

  it('frees the keys of requests cut off mid-way once the database is back, so their retries are not told 409 for a minute', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `Cut mid-way ${i} ${randomUUID()}`);
    const keys = names.map(() => randomUUID());
    const parent = await createCustomer(app.api, admin, { accountId });
    const send = (i: number) =>
      app.api.post(
        '/customers',
        { parentCustomerId: parent.id, name: names[i] },
        { token: admin, headers: { 'idempotency-key': keys[i] } },
      );
    // A rival holds the parent's row: every create has claimed its key and waits inside its transaction.
    const rival = await createConnection(app.db.url);
    try {
      await rival.query('BEGIN');
      await rival.query('SELECT id FROM customers WHERE id = ? FOR UPDATE', [parent.id]);
      const first = Promise.all(names.map((_, i) => send(i)));
      await within(
        10_000,
        async () =>
          (await app.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM idempotency_keys WHERE state = 'running'`))[0].n >= names.length,
      );
      proxy.cut();
      expect((await first).map((r) => r.status)).toEqual(names.map(() => 503));
    } finally {
      await rival.query('ROLLBACK');
      await rival.end();
    }
    proxy.restore();
    await within(10_000, async () => (await app.api.get('/health')).status === 200);
    const retried = await Promise.all(names.map((_, i) => send(i)));
    expect(retried.map((r) => r.status)).toEqual(names.map(() => 200));
    for (const name of names) expect(await app.db.query('SELECT id FROM customers WHERE name = ?', [name])).toHaveLength(1);
  });

  it('answers 503 when the answer to a COMMIT is lost, and a retry by key replays the committed customer instead of making another', async () => {
    const name = `Committed ${randomUUID()}`;
    const send = (key: string) => app.api.post('/customers', { accountId, name }, { token: admin, headers: { 'idempotency-key': key } });
    const key = randomUUID();
    proxy.loseNextCommitAnswer();
    const first = await send(key);
    // The app cannot know whether the write happened, so it claims neither; the retry finds out.
    expect(first.status).toBe(503);
    expect(first.body.responseStatus.errorCode).toBe('ServiceUnavailable');
    const stored = await app.db.query<{ id: string }>('SELECT id FROM customers WHERE name = ?', [name]);
    expect(stored).toHaveLength(1);

    const retried = await send(key);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: stored[0].id, name, accountId });
    expect(await app.db.query('SELECT id FROM customers WHERE name = ?', [name])).toHaveLength(1);
  });

  it('runs a create again when MariaDB picks it as a deadlock victim: the client sees one 200 and one customer', async () => {
    const parent = await createCustomer(app.api, admin, { accountId });
    const name = `Deadlocked ${randomUUID()}`;
    // A second client of the same database, straight to the server, holding locks across statements.
    const rival = await createConnection(app.db.url);
    const deadlocks = async () =>
      Number(((await rival.query("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'"))[0] as { Value: string }[])[0].Value);
    const waitingCreates = async () =>
      (
        (
          await rival.query(
            // This create's own statement (its values are in the text): not a transaction another test left waiting.
            `SELECT 1 FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE ? AND trx_query LIKE '%customer_closure%'`,
            [`%${name}%`],
          )
        )[0] as unknown[]
      ).length;
    try {
      const before = await deadlocks();
      await rival.query('BEGIN');
      // InnoDB rolls back the transaction that changed fewer rows: make the rival the heavier one.
      const [{ id: userId }] = await app.db.query<{ id: string }>('SELECT id FROM users LIMIT 1');
      const ballast = Array.from({ length: 60 }, (_, i) => [randomUUID(), userId, `${name}-${i}`, 'x', 'running', 0, 0]);
      await rival.query('INSERT INTO idempotency_keys (id, user_id, key_hash, fingerprint, state, locked_until, expires_at) VALUES ?', [
        ballast,
      ]);
      await rival.query('SELECT ancestor_id FROM customer_closure WHERE descendant_id = ? FOR UPDATE', [parent.id]);
      const creating = app.api.post('/customers', { accountId, parentCustomerId: parent.id, name }, { token: admin });
      // The create now holds its shared lock on the parent's row and waits for the parent's paths, which the rival holds...
      await within(10_000, async () => (await waitingCreates()) > 0);
      // ...and the rival asks for the parent's row: a cycle, which InnoDB breaks by rolling the create back.
      await rival.query('SELECT id FROM customers WHERE id = ? FOR UPDATE', [parent.id]);
      expect(await deadlocks()).toBeGreaterThan(before);
      await rival.query('ROLLBACK');

      const created = await creating;
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ name, parentCustomerId: parent.id });
      expect(await app.db.query('SELECT id FROM customers WHERE name = ?', [name])).toHaveLength(1);
      const paths = await app.db.query<{ ancestor_id: string }>('SELECT ancestor_id FROM customer_closure WHERE descendant_id = ?', [
        created.body.id,
      ]);
      expect(paths.map((p) => p.ancestor_id).sort()).toEqual([created.body.id, parent.id].sort());
    } finally {
      await rival.end();
    }
  });
});

describeOnMysql('An Idempotency-Key whose first request outlives its lease (e2e, MySQL/MariaDB)', () => {
  it('lets a retry take the key over, and rolls the first back when it finishes after all: one customer', async () => {
    const app = await startTestApp({ IDEMPOTENCY_LEASE_MS: '1000' });
    const rival = await createConnection(app.db.url);
    try {
      const admin = await loginAdmin(app.api);
      const accountId = (await createAccount(app.api, admin)).id;
      const name = `Leased ${randomUUID()}`;
      const key = randomUUID();
      const send = () => app.api.post('/customers', { accountId, name }, { token: admin, headers: { 'idempotency-key': key } });
      const waiting = async () =>
        (
          (
            await rival.query(`SELECT 1 FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE ?`, [
              `%${name}%`,
            ])
          )[0] as unknown[]
        ).length;
      // The account's row held: both creates wait in their foreign-key check, as on a node that stalls.
      await rival.query('BEGIN');
      await rival.query('SELECT id FROM accounts WHERE id = ? FOR UPDATE', [accountId]);
      const first = send();
      await within(10_000, async () => (await waiting()) === 1);
      await sleep(1200);
      const second = send();
      await within(10_000, async () => (await waiting()) === 2);
      await rival.query('ROLLBACK');
      const [a, b] = await Promise.all([first, second]);
      expect([a.status, b.status]).toEqual([409, 200]);
      expect(a.body.responseStatus.errorCode).toBe('IdempotencyKeyInFlight');
      const stored = await app.db.query<{ id: string }>('SELECT id FROM customers WHERE name = ?', [name]);
      expect(stored).toEqual([{ id: b.body.id }]);
      expect((await send()).body).toMatchObject({ id: b.body.id });
    } finally {
      await rival.end();
      await app.stop();
    }
  });
});

describe('Safe retries, concurrent editors, consistent lists (e2e)', () => {
  let app: TestApp;
  let api: ApiClient;
  let w: World;

  beforeAll(async () => {
    ({ app, api, w } = await startWorld());
  });
  afterAll(() => app.stop());

  describe('Idempotency-Key', () => {
    const key = () => ({ 'idempotency-key': randomUUID() });

    it('replays the first response for the same key and body, without doing the work again', async () => {
      const headers = key();
      const body = { accountId: w.accountA.id, name: `Once ${randomUUID()}` };
      const first = await api.post('/customers', body, { token: w.admin, headers });
      const again = await api.post('/customers', body, { token: w.admin, headers });
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect((await app.db.query('SELECT id FROM customers WHERE name = ?', [body.name])).length).toBe(1);
    });

    it('refuses the same key with another body (422), keeps keys per caller, and replays a refusal as it was', async () => {
      const headers = key();
      await api.post('/tags', { accountId: w.accountA.id, name: `k-${randomUUID()}`, color: 'Red' }, { token: w.admin, headers });
      const other = await api.post('/tags', { accountId: w.accountA.id, name: 'different', color: 'Red' }, { token: w.admin, headers });
      expect([other.status, other.body.responseStatus.errorCode]).toEqual([422, 'IdempotencyKeyReused']);
      const byManager = await api.post(
        '/tags',
        { accountId: w.accountA.id, name: `m-${randomUUID()}`, color: 'Red' },
        { token: w.managerA, headers },
      );
      expect(byManager.status).toBe(200);
      const badHeaders = key();
      const refused = await api.post('/customers', { accountId: w.accountA.id, name: '' }, { token: w.admin, headers: badHeaders });
      const replayed = await api.post('/customers', { accountId: w.accountA.id, name: '' }, { token: w.admin, headers: badHeaders });
      expect([refused.status, replayed.status, replayed.body]).toEqual([400, 400, refused.body]);
    });

    it('answers 409 while the first request with the key is still running, and one create happens', async () => {
      const headers = key();
      const body = { accountId: w.accountA.id, name: `Racing ${randomUUID()}` };
      const statuses = (await Promise.all(Array.from({ length: 6 }, () => api.post('/customers', body, { token: w.admin, headers })))).map(
        (r) => r.status,
      );
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      expect(statuses).toContain(200);
      expect((await app.db.query('SELECT id FROM customers WHERE name = ?', [body.name])).length).toBe(1);
    });

    it('lets a retry take over a key whose first request died with its instance, once the lease is out', async () => {
      const headers = key();
      const body = { accountId: w.accountA.id, name: `Orphaned ${randomUUID()}` };
      const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
      const [me] = await app.db.query<{ id: string }>('SELECT id FROM users WHERE email = ?', [ADMIN_EMAIL]);
      // What an instance that died mid-request leaves: the key claimed, running, its lease run out.
      await app.db.execute(
        `INSERT INTO idempotency_keys (id, user_id, key_hash, fingerprint, state, locked_until, expires_at) VALUES (?, ?, ?, ?, 'running', ?, ?)`,
        [
          randomUUID(),
          me.id,
          sha256(headers['idempotency-key']),
          sha256(`POST /customers\n${JSON.stringify(body)}`),
          Date.now() - 1,
          Date.now() + 60_000,
        ],
      );
      const res = await api.post('/customers', body, { token: w.admin, headers });
      expect(res.status).toBe(200);
      expect((await api.post('/customers', body, { token: w.admin, headers })).headers.get('idempotent-replayed')).toBe('true');
      expect((await app.db.query('SELECT id FROM customers WHERE name = ?', [body.name])).length).toBe(1);
    });

    it('refuses a malformed key', async () => {
      const res = await api.post(
        '/customers',
        { accountId: w.accountA.id, name: 'x' },
        { token: w.admin, headers: { 'idempotency-key': 'é'.repeat(3) } },
      );
      expect([res.status, res.body.responseStatus.errors[0].fieldName]).toEqual([400, 'Idempotency-Key']);
    });
  });

  describe('ETag, If-Match, If-None-Match', () => {
    it('gives 304 for an unchanged resource and a new ETag when anything it shows changes, inherited settings included', async () => {
      const parent = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: `ETag parent ${randomUUID()}` });
      const child = await createCustomer(api, w.admin, { parentCustomerId: parent.id, name: 'ETag child' });
      const first = await api.get(`/customers/${child.id}`, { token: w.admin });
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const unchanged = await api.get(`/customers/${child.id}`, { token: w.admin, headers: { 'if-none-match': etag } });
      expect([unchanged.status, unchanged.text]).toEqual([304, '']);
      await api.patch(`/customers/${parent.id}`, { name: 'Renamed parent' }, { token: w.admin });
      const afterBreadcrumb = await api.get(`/customers/${child.id}`, { token: w.admin, headers: { 'if-none-match': etag } });
      expect(afterBreadcrumb.status).toBe(200);
      const etag2 = afterBreadcrumb.headers.get('etag')!;
      await api.patch(
        `/customers/${parent.id}`,
        { overrideBillingSettings: true, billingSettings: { base: { baseCost: 9 } } },
        { token: w.admin },
      );
      expect((await api.get(`/customers/${child.id}`, { token: w.admin })).headers.get('etag')).not.toBe(etag2);
    });

    it('applies a PATCH or DELETE only while If-Match still matches (412 otherwise, nothing changed)', async () => {
      const c = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: 'Edited twice' });
      const etag = (await api.get(`/customers/${c.id}`, { token: w.admin })).headers.get('etag')!;
      const alice = await api.patch(`/customers/${c.id}`, { name: 'Alice was here' }, { token: w.admin, headers: { 'if-match': etag } });
      expect(alice.status).toBe(200);
      const bob = await api.patch(`/customers/${c.id}`, { name: 'Bob was here' }, { token: w.admin, headers: { 'if-match': etag } });
      expect([bob.status, bob.body.responseStatus.errorCode]).toEqual([412, 'PreconditionFailed']);
      expect((await api.get(`/customers/${c.id}`, { token: w.admin })).body.name).toBe('Alice was here');
      expect((await api.delete(`/customers/${c.id}`, { token: w.admin, headers: { 'if-match': etag } })).status).toBe(412);
      const current = alice.headers.get('etag')!;
      expect((await api.delete(`/customers/${c.id}`, { token: w.admin, headers: { 'if-match': current } })).status).toBe(200);
    });

    it('lets only one of two racing editors with the same ETag win', async () => {
      const c = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: 'Raced' });
      const etag = (await api.get(`/customers/${c.id}`, { token: w.admin })).headers.get('etag')!;
      const results = await Promise.all(
        ['One', 'Two', 'Three'].map((name) => api.patch(`/customers/${c.id}`, { name }, { token: w.admin, headers: { 'if-match': etag } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    });

    it('works the same through the predefined routes', async () => {
      const c = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: 'Predefined ETag' });
      const custom = await api.get(`/customers/${c.id}`, { token: w.admin });
      const predefined = await api.get(`/api/GetCustomer?customerId=${c.id}`, { token: w.admin });
      expect(predefined.headers.get('etag')).toBe(custom.headers.get('etag'));
      const etag = custom.headers.get('etag')!;
      const first = await api.patch(
        '/api/PatchCustomer',
        { customerId: c.id, name: 'First' },
        { token: w.admin, headers: { 'if-match': etag } },
      );
      const second = await api.patch(
        '/json/reply/PatchCustomer',
        { customerId: c.id, name: 'Second' },
        { token: w.admin, headers: { 'if-match': etag } },
      );
      expect([first.status, second.status]).toEqual([200, 412]);
    });

    it('carries ETags on accounts, users and tags too', async () => {
      const account = await api.get(`/accounts/${w.accountA.id}`, { token: w.admin });
      const stale = account.headers.get('etag')!;
      await api.patch(`/accounts/${w.accountA.id}`, { name: `Renamed ${randomUUID()}` }, { token: w.admin });
      expect(
        (await api.patch(`/accounts/${w.accountA.id}`, { name: 'late' }, { token: w.admin, headers: { 'if-match': stale } })).status,
      ).toBe(412);
      const tag = await api.post('/tags', { accountId: w.accountA.id, name: `etag-${randomUUID()}`, color: 'Red' }, { token: w.admin });
      const tagEtag = tag.headers.get('etag')!;
      expect(
        (await api.patch(`/tags/${tag.body.id}`, { color: 'Blue' }, { token: w.admin, headers: { 'if-match': tagEtag } })).status,
      ).toBe(200);
      expect(
        (await api.patch(`/tags/${tag.body.id}`, { color: 'Lime' }, { token: w.admin, headers: { 'if-match': tagEtag } })).status,
      ).toBe(412);
    });
  });

  it('never fails a list racing cascade deletes (200 rounds)', async () => {
    const failures: string[] = [];
    for (let round = 0; round < 200; round++) {
      const root = await createCustomer(api, w.admin, { accountId: w.accountB.id, name: `Race root ${round}` });
      await createCustomer(api, w.admin, { parentCustomerId: root.id, name: `Race child ${round}` });
      const [list, removed] = await Promise.all([
        api.get(`/customers?accountIds=${w.accountB.id}&countPerPage=50`, { token: w.admin }),
        api.delete(`/customers/${root.id}?cascade=true`, { token: w.admin }),
      ]);
      if (list.status !== 200 || removed.status !== 200) failures.push(`${round}: list ${list.status}, delete ${removed.status}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('Graceful shutdown (e2e)', () => {
  it('lets every accepted request finish on SIGTERM, turns health 503, and exits 0', async () => {
    const app = await startTestApp({ SHUTDOWN_GRACE_MS: '20000' });
    const admin = await loginAdmin(app.api);
    const account = await createAccount(app.api, admin);
    const outcomes: string[] = [];
    const load = Array.from({ length: 40 }, (_, i) =>
      app.api
        .post('/customers', { accountId: account.id, name: `Shutdown ${i}` }, { token: admin })
        .then((r) => outcomes.push(String(r.status)))
        .catch((err: { cause?: { code?: string } }) => outcomes.push(err.cause?.code ?? 'error')),
    );
    await sleep(30);
    app.signal('SIGTERM');
    await Promise.all(load);
    const code = await app.exited;
    // 200: finished; 503: arrived on a kept-alive connection while closing; ECONNREFUSED: never accepted.
    expect(outcomes.filter((o) => !['200', '503', 'ECONNREFUSED'].includes(o))).toEqual([]);
    expect(outcomes.filter((o) => o === '200').length).toBeGreaterThan(0);
    expect(code).toBe(0);
    expect(app.output()).toMatch(/SIGTERM: draining/);
    await app.stop();
  });
  it('keeps serving for SHUTDOWN_DRAIN_DELAY_MS while health says 503, so a load balancer can look away first', async () => {
    const app = await startTestApp({ SHUTDOWN_DRAIN_DELAY_MS: '1500' });
    const admin = await loginAdmin(app.api);
    const account = await createAccount(app.api, admin);
    app.signal('SIGTERM');
    await sleep(200);
    expect((await app.api.get('/health')).status).toBe(503);
    const during = await app.api.post('/customers', { accountId: account.id, name: 'During the drain delay' }, { token: admin });
    expect(during.status).toBe(200);
    expect(during.headers.get('connection')).toBe('close');
    let exitedEarly = false;
    void app.exited.then(() => (exitedEarly = true));
    await sleep(900);
    // Still serving (and listening) until the delay is over, even with nothing in flight.
    expect(exitedEarly).toBe(false);
    expect((await app.api.get(`/customers/${(during.body as { id: string }).id}`, { token: admin })).status).toBe(200);
    expect(await app.exited).toBe(0);
    await app.stop();
  });
});
