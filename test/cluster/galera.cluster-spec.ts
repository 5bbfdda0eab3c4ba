import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { ApiClient } from '../support/api-client';
import { Cluster, createsUnderFault, describeWithCluster, outcome, sleep } from '../support/cluster';
import { conflicts, dump, treeDisagreements } from '../support/cluster-checks';
import { createAccount, createCustomer, createUser, login, loginAdmin } from '../support/factories';

const pick = <T>(values: T[]): T => values[Math.floor(Math.random() * values.length)];

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

  it('ends a session on every instance at once: a logout, a password change, a role change', async () => {
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

    const promoted = await createUser(i2, admin, { accountId: account.id, roles: ['Manager'] });
    for (const api of cluster.instances) expect(await on(api, promoted.token)).toBe(200);
    expect((await i3.patch(`/users/${promoted.id}`, { roles: ['SystemAdministrator'] }, { token: admin })).status).toBe(200);
    expect([await on(i1, promoted.token), await on(i2, promoted.token)]).toEqual([401, 401]);
  });

  it('shows a change to a customer through every instance at once, though each had it cached', async () => {
    const account = await createAccount(i1, admin);
    const parent = await createCustomer(i1, admin, { accountId: account.id, name: 'parent' });
    const child = await createCustomer(i2, admin, { parentCustomerId: parent.id, name: 'child' });
    const crumbs = (api: ApiClient) => api.get(`/customers/${child.id}`, { token: admin }).then((r) => r.body.breadcrumb[0].name);
    for (const api of cluster.instances) expect(await crumbs(api)).toBe('parent');
    for (const [i, api] of cluster.instances.entries()) {
      expect((await api.patch(`/customers/${parent.id}`, { name: `renamed by ${i}` }, { token: admin })).status).toBe(200);
      expect(await Promise.all(cluster.instances.map(crumbs))).toEqual([0, 1, 2].map(() => `renamed by ${i}`));
    }
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

  it('never stores a referenceId twice when three nodes are asked for it at once, and never acknowledges a create it lost', async () => {
    const account = await createAccount(cluster.lb, admin);
    // The lost create answered 200 about one round in 130 when its COMMIT rode in the statement
    // batch (Galera aborted it, the batch said OK): enough rounds that such a lie shows.
    for (let round = 0; round < 150; round++) {
      const referenceId = `ref-${round}-${randomUUID()}`;
      const answers = await Promise.all(
        cluster.instances.map((api, i) => api.post('/customers', { accountId: account.id, name: `r${i}`, referenceId }, { token: admin })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
      const [rows] = (await nodes[round % 3].query('SELECT id FROM customers WHERE reference_id = ?', [referenceId])) as unknown as [
        { id: string }[],
      ];
      expect(rows).toEqual([{ id: answers.find((a) => a.status === 200)!.body.id }]);
    }
  }, 120_000);

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

  it('never answers a list from a node that has not caught up: the read waits for it, or the primary answers', async () => {
    const account = await createAccount(i3, admin);
    // Node 1 stops applying what the others commit while this lock is held (it desyncs).
    const locker = await cluster.node(1);
    await locker.query('FLUSH TABLES WITH READ LOCK');
    try {
      for (let i = 0; i < 3; i++) {
        const created = await createCustomer(i3, admin, { accountId: account.id, name: `fresh ${i}` });
        const page = await i3.get(`/customers?accountIds=${account.id}&countPerPage=100`, { token: admin });
        expect(page.status).toBe(200);
        expect(page.body.items.map((c: { id: string }) => c.id)).toContain(created.id);
      }
    } finally {
      await locker.query('UNLOCK TABLES');
      await locker.end();
    }
    for (let i = 0; i < 40 && (await outcome(i1.get('/health'))) !== '200'; i++) await sleep(250);
  }, 60_000);

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
