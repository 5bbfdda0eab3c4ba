import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { ApiClient, ApiResponse } from '../support/api-client';
import { Cluster, describeWithCluster } from '../support/cluster';
import { createAccount, createCustomer, createUser, login, loginAdmin } from '../support/factories';
import { hierarchyDisagreements } from '../support/hierarchy-invariants';
import type { TestDatabase } from '../support/test-database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(values: T[]): T => values[Math.floor(Math.random() * values.length)];

/** A request that may meet a dead instance: a network failure is an outcome like a status. */
const outcome = (res: Promise<ApiResponse>): Promise<string> =>
  res.then(
    (r) => String(r.status),
    (err: { cause?: { code?: string } }) => err.cause?.code ?? 'network',
  );

/** A create worth retrying by its key: cut off (a network error, 502, 503), or its key still held by a request that died (409). */
const retryable = (status: string): boolean => ['502', '503', '409'].includes(status) || !/^\d+$/.test(status);

/**
 * `total` creates named `${prefix} ${i}` through the load balancer, six at a time, each with its own
 * Idempotency-Key and retried with it until it is acknowledged; `during` runs once `after` of them
 * were sent (a node or an instance killed under load). Answers each create's first outcome.
 */
async function createsUnderFault(
  api: ApiClient,
  token: string,
  body: (i: number) => Record<string, unknown>,
  total: number,
  after: number,
  during: () => Promise<unknown>,
): Promise<string[]> {
  const firstTries: string[] = [];
  let next = 0;
  let sent = 0;
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const headers = { 'idempotency-key': randomUUID() };
      const deadline = Date.now() + 90_000;
      for (let attempt = 0; ; attempt++) {
        sent++;
        const status = await outcome(api.post('/customers', body(i), { token, headers }));
        if (attempt === 0) firstTries.push(status);
        if (status === '200') break;
        if (!retryable(status) || Date.now() > deadline) throw new Error(`create ${i}: ${status}`);
        await sleep(250);
      }
    }
  };
  const load = Promise.all(Array.from({ length: 6 }, worker));
  while (sent < after) await sleep(20);
  await during();
  await load;
  return firstTries;
}

/**
 * Whether the tree as stored on a node is a tree: no customer its own ancestor, no customer under
 * a parent that is gone, every closure row a path of parents, and the derived sizes and names
 * right (hierarchy-invariants.ts).
 */
async function treeDisagreements(node: Connection): Promise<string[]> {
  const [customers] = (await node.query('SELECT id, parent_customer_id AS parentId FROM customers')) as unknown as [
    { id: string; parentId: string | null }[],
  ];
  const [closure] = (await node.query('SELECT ancestor_id AS a, descendant_id AS d, depth FROM customer_closure')) as unknown as [
    { a: string; d: string; depth: number }[],
  ];
  const parent = new Map(customers.map((c) => [c.id, c.parentId]));
  const wrong: string[] = [];
  const expected = new Set<string>();
  for (const c of customers) {
    const seen = new Set<string>();
    let at: string | null = c.id;
    for (let depth = 0; at !== null; depth++) {
      if (seen.has(at)) {
        wrong.push(`cycle through ${c.id}`);
        break;
      }
      seen.add(at);
      if (!parent.has(at)) {
        wrong.push(`${c.id} lies under ${at}, which is gone`);
        break;
      }
      expected.add(`${at}>${c.id}@${depth}`);
      at = parent.get(at) ?? null;
    }
  }
  const stored = new Set(closure.map((r) => `${r.a}>${r.d}@${Number(r.depth)}`));
  for (const path of expected) if (!stored.has(path)) wrong.push(`closure lacks ${path}`);
  for (const path of stored) if (!expected.has(path)) wrong.push(`closure has stray ${path}`);
  const asTestDb = { query: async (sql: string) => (await node.query(sql))[0] } as unknown as TestDatabase;
  return [...wrong, ...(await hierarchyDisagreements(asTestDb))];
}

/** Certification failures and brute-force aborts over the three nodes: conflicts Galera resolved. */
async function conflicts(nodes: Connection[]): Promise<number> {
  let n = 0;
  for (const node of nodes) {
    const [rows] = (await node.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')",
    )) as unknown as [{ Value: string }[]];
    n += rows.reduce((sum, r) => sum + Number(r.Value), 0);
  }
  return n;
}

/** The same rows on every node (a dump of the tree's tables, in order). */
async function dump(node: Connection): Promise<string> {
  const [a] = await node.query('SELECT id, parent_customer_id, name, reference_id FROM customers ORDER BY id');
  const [b] = await node.query('SELECT ancestor_id, descendant_id, depth FROM customer_closure ORDER BY ancestor_id, descendant_id');
  return JSON.stringify([a, b]);
}

describeWithCluster()('Several instances on a three-node Galera cluster behind HAProxy (e2e)', () => {
  const cluster = new Cluster();
  let nodes: Connection[] = [];
  let admin: string;
  const [i1, i2, i3] = cluster.instances;

  beforeAll(async () => {
    const url = await cluster.run('start');
    expect(url).toBe(cluster.lb.baseUrl);
    nodes = await Promise.all([1, 2, 3].map((n) => cluster.node(n)));
    admin = await loginAdmin(cluster.lb);
  }, 240_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.end().catch(() => undefined)));
    await cluster.run('stop');
  }, 60_000);

  it('ran the migrations once though the three instances started together, and created one administrator', async () => {
    const logs = [1, 2, 3].map((n) => readFileSync(join(cluster.dir, `api${n}.log`), 'utf8'));
    expect(logs.filter((log) => /Applied InitialSchema/.test(log))).toHaveLength(1);
    const [rows] = (await nodes[2].query('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name')) as unknown as [{ n: number }[]];
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    const [admins] = (await nodes[1].query("SELECT COUNT(*) AS n FROM users WHERE email = 'root@voice.test'")) as unknown as [
      { n: number }[],
    ];
    expect(Number(admins[0].n)).toBe(1);
  });

  it('ends a session on every instance at once: a logout, a password change', async () => {
    const account = await createAccount(i1, admin);
    const user = await createUser(i1, admin, { accountId: account.id, roles: ['Manager'] });
    const on = (api: ApiClient, token: string) => api.get('/customers?countPerPage=1', { token }).then((r) => r.status);
    for (const api of cluster.instances) expect(await on(api, user.token)).toBe(200);
    expect((await i3.post('/auth/logout', {}, { token: user.token })).status).toBe(200);
    expect([await on(i1, user.token), await on(i2, user.token)]).toEqual([401, 401]);

    const token = await login(i2, user.email, user.password);
    for (const api of cluster.instances) expect(await on(api, token)).toBe(200);
    expect((await i2.patch(`/users/${user.id}`, { password: 'another-password-1' }, { token: admin })).status).toBe(200);
    expect([await on(i1, token), await on(i3, token)]).toEqual([401, 401]);
  });

  it('never builds a cycle from racing moves spread over the three nodes', async () => {
    const account = await createAccount(cluster.lb, admin);
    const root = await createCustomer(cluster.lb, admin, { accountId: account.id, name: 'root' });
    const members: string[] = [];
    for (let i = 0; i < 8; i++) members.push((await createCustomer(cluster.lb, admin, { parentCustomerId: root.id, name: `m${i}` })).id);
    const before = await conflicts(nodes);
    const statuses: string[] = [];
    for (let round = 0; round < 40; round++) {
      // Pairs that each move one under the other: together they would close a loop.
      const [a, b, c] = [pick(members), pick(members), pick(members)];
      const moves = [
        [i1, a, b],
        [i2, b, a],
        [i3, c, pick([a, b, root.id])],
      ] as const;
      statuses.push(
        ...(await Promise.all(
          moves.map(([api, id, under]) => outcome(api.patch(`/customers/${id}`, { parentCustomerId: under }, { token: admin }))),
        )),
      );
    }
    expect(statuses.filter((s) => !['200', '400'].includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === '200').length).toBeGreaterThan(20);
    // The moves did meet on different nodes, and Galera made one of each pair run again.
    expect(await conflicts(nodes)).toBeGreaterThan(before);
    for (const node of nodes) expect(await treeDisagreements(node)).toEqual([]);
  }, 120_000);

  it('never creates a customer under a parent that a concurrent cascade delete removed, nor misses a move', async () => {
    const account = await createAccount(cluster.lb, admin);
    const statuses: string[] = [];
    for (let round = 0; round < 15; round++) {
      const top = await createCustomer(cluster.lb, admin, { accountId: account.id, name: `top ${round}` });
      const mid = await createCustomer(cluster.lb, admin, { parentCustomerId: top.id, name: `mid ${round}` });
      const other = await createCustomer(cluster.lb, admin, { accountId: account.id, name: `other ${round}` });
      const create = (api: ApiClient, parentCustomerId: string) =>
        outcome(api.post('/customers', { parentCustomerId, name: `child ${randomUUID()}` }, { token: admin }));
      statuses.push(
        ...(await Promise.all([
          create(i1, mid.id),
          create(i3, mid.id),
          // Moved while children are created below it, on another node.
          outcome(i2.patch(`/customers/${top.id}`, { parentCustomerId: other.id }, { token: admin })),
        ])),
      );
      statuses.push(
        ...(await Promise.all([
          create(i1, mid.id),
          create(i3, top.id),
          outcome(i2.delete(`/customers/${top.id}?cascade=true`, { token: admin })),
        ])),
      );
    }
    // A create that lost to the delete is told its parent is not there (400); nothing failed.
    expect(statuses.filter((s) => !['200', '400', '404'].includes(s))).toEqual([]);
    for (const node of nodes) expect(await treeDisagreements(node)).toEqual([]);
    const [left] = (await nodes[0].query("SELECT COUNT(*) AS n FROM customers WHERE account_id = ? AND name LIKE 'top %'", [
      account.id,
    ])) as unknown as [{ n: number }[]];
    expect(Number(left[0].n)).toBe(0);
  }, 120_000);

  it('never stores a referenceId twice when three nodes are asked for it at once', async () => {
    const account = await createAccount(cluster.lb, admin);
    for (let round = 0; round < 10; round++) {
      const referenceId = `ref-${round}-${randomUUID()}`;
      const statuses = await Promise.all(
        cluster.instances.map((api, i) =>
          outcome(api.post('/customers', { accountId: account.id, name: `r${i}`, referenceId }, { token: admin })),
        ),
      );
      expect(statuses.sort()).toEqual(['200', '409', '409']);
      const [rows] = (await nodes[round % 3].query('SELECT id FROM customers WHERE reference_id = ?', [referenceId])) as unknown as [
        unknown[],
      ];
      expect(rows).toHaveLength(1);
    }
  });

  it('reads lists and schedule-state from the other nodes, and a client always reads its own writes there', async () => {
    const account = await createAccount(i3, admin);
    const selects = async () => {
      const counts: number[] = [];
      for (const node of nodes) {
        const [rows] = (await node.query("SHOW GLOBAL STATUS LIKE 'Com_select'")) as unknown as [{ Value: string }[]];
        counts.push(Number(rows[0].Value));
      }
      return counts;
    };
    const before = await selects();
    const lists = 30;
    for (let i = 0; i < lists; i++) {
      // Written through node 3, read at once from node 1 or 2: the new customer is always there.
      const created = await createCustomer(i3, admin, { accountId: account.id, name: `own write ${i}` });
      const page = await i3.get(`/customers?accountIds=${account.id}&countPerPage=100`, { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.totalCount).toBe(i + 1);
      expect(page.body.items.map((c: { id: string }) => c.id)).toContain(created.id);
      expect((await i3.get(`/customers/${created.id}/schedule-state`, { token: admin })).status).toBe(200);
    }
    const after = await selects();
    const delta = after.map((n, i) => n - before[i]);
    // Each list is a few SELECTs on a replica; node 3 (instance 3's primary) saw the creates' own reads and health checks only.
    expect(delta[0] + delta[1]).toBeGreaterThanOrEqual(lists * 3);
    expect(delta[0]).toBeGreaterThan(lists / 2);
    expect(delta[1]).toBeGreaterThan(lists / 2);
  });

  it('loses nothing when a node dies under load: every create acknowledged or retried by its key exists once, and the node rejoins', async () => {
    const account = await createAccount(cluster.lb, admin);
    const total = 160;
    const prefix = `load ${randomUUID()}`;
    const firstTries = await createsUnderFault(
      cluster.lb,
      admin,
      (i) => ({ accountId: account.id, name: `${prefix} ${i}` }),
      total,
      40,
      async () => {
        await cluster.run('node-kill', '2');
        // Its instance says so at once, and HAProxy sends the load elsewhere.
        for (let i = 0; i < 20 && (await outcome(i2.get('/health'))) === '200'; i++) await sleep(100);
        expect(await outcome(i2.get('/health'))).toBe('503');
      },
    );
    // Instances 1 and 3 also read lists from node 2 (DATABASE_READ_URLS): the primary serves meanwhile.
    for (const api of [i1, i1, i3, i3])
      expect(await outcome(api.get(`/customers?accountIds=${account.id}&countPerPage=1`, { token: admin }))).toBe('200');
    await cluster.run('node-start', '2');
    // Instance 2 was not restarted: its pool reconnects to the node that came back.
    for (let i = 0; i < 120 && (await outcome(i2.get('/health'))) !== '200'; i++) await sleep(500);
    expect(await outcome(i2.get('/health'))).toBe('200');

    nodes[1] = await cluster.node(2);
    for (const node of nodes) {
      const [rows] = (await node.query('SELECT name, COUNT(*) AS n FROM customers WHERE account_id = ? GROUP BY name', [
        account.id,
      ])) as unknown as [{ name: string; n: number }[]];
      expect(rows).toHaveLength(total);
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    }
    const page = await i2.get(`/customers?accountIds=${account.id}&countPerPage=1`, { token: admin });
    expect(page.status).toBe(200);
    expect(page.body.totalCount).toBe(total);
    expect(firstTries).toHaveLength(total);
    // The rejoined node holds exactly what the others do.
    const dumps = await Promise.all(nodes.map(dump));
    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[2]).toBe(dumps[0]);
  }, 240_000);

  it('loses nothing when an instance is killed under load: every create, retried by its key, exists once', async () => {
    const account = await createAccount(cluster.lb, admin);
    const total = 90;
    await createsUnderFault(
      cluster.lb,
      admin,
      (i) => ({ accountId: account.id, name: `survivor ${i}` }),
      total,
      30,
      () => cluster.run('api-kill', '1'),
    );
    await cluster.run('api-start', '1');
    const [rows] = (await nodes[0].query('SELECT name, COUNT(*) AS n FROM customers WHERE account_id = ? GROUP BY name', [
      account.id,
    ])) as unknown as [{ name: string; n: number }[]];
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    expect((await i1.get(`/customers?accountIds=${account.id}&countPerPage=1`, { token: admin })).body.totalCount).toBe(total);
  }, 180_000);

  it('restarts the instances one by one under load with no failed request through HAProxy', async () => {
    const account = await createAccount(cluster.lb, admin);
    const failures: string[] = [];
    let sent = 0;
    let running = true;
    const worker = async (n: number) => {
      for (let i = 0; running; i++) {
        sent++;
        const res =
          i % 2 === 0
            ? outcome(cluster.lb.post('/customers', { accountId: account.id, name: `rolling ${n}-${i}` }, { token: admin }))
            : outcome(cluster.lb.get(`/customers?accountIds=${account.id}&countPerPage=5`, { token: admin }));
        const status = await res;
        if (status !== '200') failures.push(status);
      }
    };
    const load = Promise.all([1, 2, 3, 4].map(worker));
    for (const n of ['1', '2', '3']) await cluster.run('api-restart', n);
    running = false;
    await load;
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(100);
  }, 180_000);
});
