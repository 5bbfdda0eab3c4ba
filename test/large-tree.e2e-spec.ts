import { parse } from 'csv-parse/sync';
import { ApiClient } from './support/api-client';
import { createAccount, createUser, loginAdmin, unique } from './support/factories';
import { bruteForceDescendants, prng, seedForest, SeededNode } from './support/large-tree';
import { startTestApp, TestApp } from './support/test-app';

const COUNT = 10_000;
/** Old-space cap for the app under test: streamed exports fit, buffered ones would not. */
const HEAP_CAP_MB = 128;

describe(`ListCustomers on ${COUNT} customers agrees with brute force (e2e)`, () => {
  let app: TestApp;
  let api: ApiClient;
  let admin: string;
  let nodes: SeededNode[];
  let tags: string[];
  const pick = prng(7);

  /** Every id the list returns, paging through with the largest page. */
  async function listAll(query: string, token = admin): Promise<{ ids: Set<string>; totalCount: number }> {
    const ids = new Set<string>();
    let totalCount: number;
    for (let page = 0; ; page++) {
      const res = await api.get(`/customers?${query}&countPerPage=1000&page=${page}`, { token });
      expect(res.status).toBe(200);
      totalCount = res.body.totalCount;
      for (const c of res.body.items) ids.add(c.id);
      if (!res.body.hasMorePages) break;
    }
    return { ids, totalCount };
  }

  beforeAll(async () => {
    app = await startTestApp({ LIST_HARD_LIMIT: String(COUNT), NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` });
    api = app.api;
    admin = await loginAdmin(api);
    const account = await createAccount(api, admin);
    tags = [];
    for (const color of ['Red', 'Blue', 'Green']) {
      tags.push((await api.post('/tags', { accountId: account.id, name: unique(color), color }, { token: admin })).body.id);
    }
    nodes = await seedForest(app.db, account.id, COUNT, tags);
  }, 300_000);
  afterAll(() => app?.stop());

  it('counts every customer', async () => {
    const res = await api.get('/customers?countPerPage=1', { token: admin });
    expect(res.body.totalCount).toBe(COUNT);
  });

  it('deep parentCustomerIds filters return exactly the descendants', async () => {
    const parents = [
      ...nodes.filter((n) => n.parentId === null).slice(0, 3),
      ...Array.from({ length: 5 }, () => nodes[Math.floor(pick() * COUNT)]),
    ];
    for (const parent of parents) {
      const expected = bruteForceDescendants(nodes, [parent.id]);
      const got = await listAll(`parentCustomerIds=${parent.id}`);
      expect(got.totalCount).toBe(expected.size);
      expect([...got.ids].sort()).toEqual([...expected].sort());
    }
    const pair = [nodes[3].id, nodes[500].id];
    const union = bruteForceDescendants(nodes, pair);
    expect((await listAll(`parentCustomerIds=${pair.join(',')}`)).ids).toEqual(union);
  });

  it('tagIds filters return exactly the customers carrying all the tags', async () => {
    for (const combo of [[tags[0]], [tags[0], tags[1]], tags]) {
      const expected = nodes.filter((n) => combo.every((t) => n.tagIds.includes(t))).map((n) => n.id);
      const got = await listAll(`tagIds=${combo.join(',')}`);
      expect(got.totalCount).toBe(expected.length);
      expect([...got.ids].sort()).toEqual(expected.sort());
    }
  });

  it('combines parent and tag filters, and scopes a Customer user to its subtree', async () => {
    const root = nodes
      .filter((n) => n.parentId === null)
      .map((n) => ({ n, size: bruteForceDescendants(nodes, [n.id]).size }))
      .sort((a, b) => b.size - a.size)[0].n;
    const below = bruteForceDescendants(nodes, [root.id]);
    const expected = nodes.filter((n) => below.has(n.id) && n.tagIds.includes(tags[2])).map((n) => n.id);
    const got = await listAll(`parentCustomerIds=${root.id}&tagIds=${tags[2]}`);
    expect(got.totalCount).toBe(expected.length);
    expect([...got.ids].sort()).toEqual(expected.sort());

    const user = await createUser(api, admin, { customerId: root.id });
    const scoped = await listAll('sortField=name', user.token);
    expect(scoped.totalCount).toBe(below.size + 1);
    expect(scoped.ids).toEqual(new Set([root.id, ...below]));
  });

  it('streams all=true to concurrent clients within a heap that could not hold two buffered answers', async () => {
    // The app runs with HEAP_CAP_MB of old space (below): buffered, each of these answers held ~80 MB.
    const clients = 8;
    const answers = await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        i % 2 ? api.get('/customers.csv?all=true', { token: admin }) : api.get('/customers?all=true', { token: admin }),
      ),
    );
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(200);
      const ids: string[] =
        i % 2 ? parse<{ id: string }>(res.text, { columns: true }).map((row) => row.id) : res.body.items.map((c: { id: string }) => c.id);
      expect(ids).toHaveLength(COUNT);
      expect(new Set(ids).size).toBe(COUNT);
    }
    expect((await api.get('/health')).status).toBe(200);
  });
});
