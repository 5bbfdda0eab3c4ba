import { ApiClient } from './support/api-client';
import { createCustomer, startWorld, unique, World } from './support/factories';
import { hierarchyDisagreements } from './support/hierarchy-invariants';
import { TestApp } from './support/test-app';

const ids = (items: { id: string }[]): string[] => items.map((i) => i.id).sort();

describe('Customers: list, patch, move, delete, staging (e2e)', () => {
  let app: TestApp;
  let api: ApiClient;
  let w: World;

  beforeAll(async () => ({ app, api, w } = await startWorld()));
  afterAll(() => app?.stop());

  async function newTree(accountId: string) {
    const root = await createCustomer(api, w.admin, { accountId, name: unique('root') });
    const mid = await createCustomer(api, w.admin, { parentCustomerId: root.id, name: unique('mid') });
    const leaf = await createCustomer(api, w.admin, { parentCustomerId: mid.id, name: unique('leaf') });
    return { root, mid, leaf };
  }

  describe('ListCustomers', () => {
    it('filters by parent: deep by default, direct children with shallowParent', async () => {
      const deep = await api.get(`/customers?parentCustomerIds=${w.rootA.id}&all=true`, { token: w.admin });
      expect(deep.status).toBe(200);
      expect(ids(deep.body.items)).toEqual(expect.arrayContaining(ids([w.childA, w.grandA, w.siblingA])));
      expect(deep.body.items.map((c: { id: string }) => c.id)).not.toContain(w.rootA.id);
      const shallow = await api.get(`/customers?parentCustomerIds=${w.rootA.id}&shallowParent=TRUE&all=1`, { token: w.admin });
      expect(shallow.status).toBe(200);
      expect(shallow.body.items.every((c: { parentCustomerId: string }) => c.parentCustomerId === w.rootA.id)).toBe(true);
      expect(shallow.body.items.map((c: { id: string }) => c.id)).not.toContain(w.grandA.id);
    });

    it('filters by name (case-insensitive, wildcards literal), referenceId, accounts and specific ids', async () => {
      const ref = unique('ref');
      const odd = await createCustomer(api, w.admin, { accountId: w.accountB.id, name: 'Zeta 100%_Club', referenceId: ref });
      const byName = await api.get(`/customers?nameFilter=${encodeURIComponent('100%_c')}`, { token: w.admin });
      expect(ids(byName.body.items)).toEqual([odd.id]);
      expect((await api.get(`/customers?nameFilter=zz%25`, { token: w.admin })).body.items).toEqual([]);
      const byRef = await api.get(`/customers?referenceId=${ref}`, { token: w.admin });
      expect(ids(byRef.body.items)).toEqual([odd.id]);
      const byAccount = await api.get(`/customers?accountIds=${w.accountB.id}&all=true`, { token: w.admin });
      expect(byAccount.body.items.every((c: { accountId: string }) => c.accountId === w.accountB.id)).toBe(true);
      const specific = await api.get(`/customers?specificIds=${w.rootA.id},${w.grandA.id}`, { token: w.admin });
      expect(ids(specific.body.items)).toEqual(ids([w.rootA, w.grandA]));
      const repeated = await api.get(`/customers?specificIds=${w.rootA.id}&specificIds=${w.grandA.id}`, { token: w.admin });
      expect(ids(repeated.body.items)).toEqual(ids([w.rootA, w.grandA]));
    });

    it('filters by tags: a customer must carry all of them', async () => {
      const red = (await api.post('/tags', { accountId: w.accountA.id, name: unique('red'), color: 'Red' }, { token: w.admin })).body;
      const blue = (await api.post('/tags', { accountId: w.accountA.id, name: unique('blue'), color: 'Blue' }, { token: w.admin })).body;
      const both = await createCustomer(api, w.admin, { accountId: w.accountA.id });
      const onlyRed = await createCustomer(api, w.admin, { accountId: w.accountA.id });
      expect((await api.patch(`/customers/${both.id}`, { tagIds: [red.id, blue.id] }, { token: w.admin })).status).toBe(200);
      expect((await api.patch(`/customers/${onlyRed.id}`, { tagIds: [red.id] }, { token: w.admin })).status).toBe(200);
      expect(ids((await api.get(`/customers?tagIds=${red.id},${blue.id}`, { token: w.admin })).body.items)).toEqual([both.id]);
      expect(ids((await api.get(`/customers?tagIds=${red.id}`, { token: w.admin })).body.items)).toEqual(ids([both, onlyRed]));
    });

    it('pages: page, countPerPage, totals, hasMorePages, simplifiedPaging, sort', async () => {
      const { root } = await newTree(w.accountB.id);
      for (let i = 0; i < 4; i++) await createCustomer(api, w.admin, { parentCustomerId: root.id, name: `page-${i}` });
      const q = `parentCustomerIds=${root.id}&shallowParent=true&countPerPage=2&sortField=name&sortOrder=Descend`;
      const first = await api.get(`/customers?${q}&page=0`, { token: w.admin });
      expect(first.body).toMatchObject({ totalCount: 5, totalPages: 3, hasMorePages: true });
      const names = first.body.items.map((c: { name: string }) => c.name);
      expect(names).toEqual([...names].sort().reverse());
      const last = await api.get(`/customers?${q}&page=2`, { token: w.admin });
      expect(last.body).toMatchObject({ totalCount: 5, totalPages: 3, hasMorePages: false });
      expect(last.body.items).toHaveLength(1);
      const simple = await api.get(`/customers?${q}&page=1&simplifiedPaging=true`, { token: w.admin });
      expect(simple.body).toMatchObject({ totalCount: 0, totalPages: 0, hasMorePages: true });
      expect(simple.body.items).toHaveLength(2);
      const everything = await api.get(`/customers?parentCustomerIds=${root.id}&all=true`, { token: w.admin });
      expect(everything.body).toMatchObject({ totalCount: 6, totalPages: 1, hasMorePages: false });
    });

    it("keeps a subtree's totalCount and name order true through creates, renames, moves and deletes", async () => {
      const root = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: unique('kept') });
      const nodes = [root];
      // Names collide on purpose: the order falls back to the id.
      for (let i = 0; i < 24; i++) {
        const parent = nodes[Math.floor(i / 3)];
        nodes.push(await createCustomer(api, w.admin, { parentCustomerId: parent.id, name: `n${(i * 7) % 10}` }));
      }
      const renamed = await api.patch(`/customers/${nodes[4].id}`, { name: 'a-first' }, { token: w.admin });
      expect(renamed.status).toBe(200);
      expect((await api.patch(`/customers/${nodes[2].id}`, { parentCustomerId: nodes[4].id }, { token: w.admin })).status).toBe(200);
      expect((await api.delete(`/customers/${nodes[3].id}?cascade=true`, { token: w.admin })).status).toBe(200);
      expect((await api.delete(`/customers/${nodes[24].id}`, { token: w.admin })).status).toBe(200);

      const everything = (await api.get(`/customers?parentCustomerIds=${root.id}&all=true`, { token: w.admin })).body.items as any[];
      const below = (id: string): any[] => {
        const children = everything.filter((c) => c.parentCustomerId === id);
        return [...children, ...children.flatMap((c) => below(c.id))];
      };
      const byName = (a: any, b: any) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      for (const node of [root, ...everything]) {
        const expected = below(node.id).sort(byName);
        const asc = await api.get(`/customers?parentCustomerIds=${node.id}&countPerPage=4`, { token: w.admin });
        expect(asc.body.totalCount).toBe(expected.length);
        expect(asc.body.items.map((c: any) => c.id)).toEqual(expected.slice(0, 4).map((c) => c.id));
        const desc = await api.get(`/customers?parentCustomerIds=${node.id}&countPerPage=3&page=2&sortOrder=Descend`, { token: w.admin });
        expect(desc.body.items.map((c: any) => c.id)).toEqual(
          [...expected]
            .reverse()
            .slice(6, 9)
            .map((c) => c.id),
        );
      }
      expect(everything.find((c) => c.id === nodes[4].id).name).toBe('a-first');
      expect(await hierarchyDisagreements(app.db)).toEqual([]);
    });

    it('refuses bad paging and filter values with a 400', async () => {
      for (const q of [
        'countPerPage=1001',
        'page=-1',
        'all=yes',
        'sortField=password',
        'sortField=constructor',
        'sortField=toString',
        '__proto__=x',
        'constructor=x',
        'sortOrder=Up',
        'shallowParent=2',
        'countPerPage=abc',
      ]) {
        const res = await api.get(`/customers?${q}`, { token: w.admin });
        expect(res.status).toBe(400);
        expect(res.body.responseStatus.errors[0].fieldName).toBe(q.split('=')[0]);
      }
    });

    it('shows a Customer user exactly its subtree, in items and counts', async () => {
      const res = await api.get('/customers?all=true', { token: w.customerAtChild });
      expect(res.status).toBe(200);
      const mine = res.body.items.map((c: { id: string }) => c.id);
      expect(mine).toContain(w.childA.id);
      expect(mine).toContain(w.grandA.id);
      for (const other of [w.rootA, w.siblingA, w.rootB]) expect(mine).not.toContain(other.id);
      expect(res.body.totalCount).toBe(mine.length);
      const all = await api.get(`/customers?parentCustomerIds=${w.childA.id}&all=true`, { token: w.admin });
      expect(res.body.totalCount).toBe(all.body.totalCount + 1);
    });

    it('404s filters naming what the caller may not see', async () => {
      expect((await api.get(`/customers?parentCustomerIds=${w.rootA.id}`, { token: w.customerAtChild })).status).toBe(404);
      expect((await api.get(`/customers?parentCustomerIds=${w.rootB.id}`, { token: w.managerA })).status).toBe(404);
      expect((await api.get(`/customers?accountIds=${w.accountB.id}`, { token: w.managerA })).status).toBe(404);
      const tagB = (await api.post('/tags', { accountId: w.accountB.id, name: unique('b'), color: 'Gold' }, { token: w.admin })).body;
      expect((await api.get(`/customers?tagIds=${tagB.id}`, { token: w.managerA })).status).toBe(404);
    });

    it('shows a Manager only its accounts', async () => {
      const res = await api.get('/customers?all=true', { token: w.managerA });
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((c: { accountId: string }) => c.accountId === w.accountA.id)).toBe(true);
    });
  });

  describe('PatchCustomer', () => {
    it('changes only the properties present', async () => {
      const c = await createCustomer(api, w.admin, {
        accountId: w.accountA.id,
        referenceId: unique('keep'),
        data: { a: { numberValue: 1 } },
      });
      const res = await api.patch(`/customers/${c.id}`, { name: 'Renamed' }, { token: w.admin });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Renamed', referenceId: c.referenceId, data: c.data, parentCustomerId: null });
      expect(res.body.dateLastModified >= c.dateLastModified).toBe(true);
      const cleared = await api.patch(
        `/customers/${c.id}`,
        // "" and {} clear; null would mean "not sent" (ServiceStack's reading rules).
        { referenceId: '', data: {}, integrationData: { crm: { thirdPartyId: 'x1' } } },
        { token: w.admin },
      );
      expect(cleared.body).toMatchObject({
        name: 'Renamed',
        referenceId: null,
        data: {},
        integrationData: { crm: { thirdPartyId: 'x1' } },
      });
      expect((await api.get(`/customers/${c.id}`, { token: w.admin })).body).toEqual(cleared.body);
    });

    it('moves a whole subtree: every breadcrumb follows; a move under its own descendant is a 400', async () => {
      const a = await newTree(w.accountA.id);
      const b = await newTree(w.accountA.id);
      const moved = await api.patch(`/customers/${a.mid.id}`, { parentCustomerId: b.leaf.id }, { token: w.admin });
      expect(moved.status).toBe(200);
      const leaf = (await api.get(`/customers/${a.leaf.id}`, { token: w.admin })).body;
      expect(leaf.breadcrumb.map((x: { id: string }) => x.id)).toEqual([b.root.id, b.mid.id, b.leaf.id, a.mid.id, a.leaf.id]);
      const deep = await api.get(`/customers?parentCustomerIds=${b.root.id}&all=true`, { token: w.admin });
      expect(ids(deep.body.items)).toEqual(ids([b.mid, b.leaf, a.mid, a.leaf]));
      expect((await api.get(`/customers?parentCustomerIds=${a.root.id}`, { token: w.admin })).body.totalCount).toBe(0);

      // a.leaf now sits below b.root, and nothing may become its own ancestor
      for (const target of [a.leaf.id, b.root.id]) {
        const cycle = await api.patch(`/customers/${b.root.id}`, { parentCustomerId: target }, { token: w.admin });
        expect(cycle.status).toBe(400);
        expect(cycle.body.responseStatus.errors[0]).toMatchObject({ fieldName: 'parentCustomerId', errorCode: 'Cycle' });
      }
      const toRoot = await api.patch(`/customers/${a.mid.id}`, { parentCustomerId: '' }, { token: w.admin });
      expect(toRoot.body.parentCustomerId).toBeNull();
      expect((await api.get(`/customers/${a.leaf.id}`, { token: w.admin })).body.breadcrumb.map((x: { id: string }) => x.id)).toEqual([
        a.mid.id,
        a.leaf.id,
      ]);
      expect((await api.patch(`/customers/${a.mid.id}`, { parentCustomerId: w.rootB.id }, { token: w.admin })).status).toBe(400);
    });

    it('never builds a cycle when two moves race, and keeps breadcrumbs equal to the parent chain', async () => {
      const root = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: unique('race-root') });
      for (let round = 0; round < 5; round++) {
        const a = await createCustomer(api, w.admin, { parentCustomerId: root.id });
        const b = await createCustomer(api, w.admin, { parentCustomerId: root.id });
        const child = createCustomer(api, w.admin, { parentCustomerId: a.id });
        const [ab, ba] = await Promise.all([
          api.patch(`/customers/${a.id}`, { parentCustomerId: b.id }, { token: w.admin }),
          api.patch(`/customers/${b.id}`, { parentCustomerId: a.id }, { token: w.admin }),
        ]);
        const leaf = await child;
        expect([ab.status, ba.status].sort()).toEqual([200, 400]);
        for (const id of [a.id, b.id, leaf.id]) {
          const c = (await api.get(`/customers/${id}`, { token: w.admin })).body;
          const chain: string[] = [];
          for (
            let at = c;
            at;
            at = at.parentCustomerId ? (await api.get(`/customers/${at.parentCustomerId}`, { token: w.admin })).body : null
          )
            chain.unshift(at.id);
          expect(c.breadcrumb.map((x: { id: string }) => x.id)).toEqual(chain);
          expect(chain[0]).toBe(root.id);
        }
      }
      expect(await hierarchyDisagreements(app.db)).toEqual([]);
    });

    it('never lets a create miss a move of the subtree it is created in (creates and moves racing)', async () => {
      const root = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: unique('move-race') });
      const targets = [
        await createCustomer(api, w.admin, { parentCustomerId: root.id }),
        await createCustomer(api, w.admin, { parentCustomerId: root.id }),
      ];
      const moving = await createCustomer(api, w.admin, { parentCustomerId: targets[0].id });
      // A subtree big enough that each move takes a while: creates land in the middle of one.
      const inside = [moving];
      for (let i = 0; i < 30; i++) inside.push(await createCustomer(api, w.admin, { parentCustomerId: inside[Math.floor(i / 3)].id }));
      const creates = Array.from({ length: 60 }, (_, i) =>
        api.post('/customers', { parentCustomerId: inside[(i * 7) % inside.length].id, name: `racer ${i}` }, { token: w.admin }),
      );
      const moves = (async () => {
        for (let i = 1; i <= 10; i++) {
          const res = await api.patch(`/customers/${moving.id}`, { parentCustomerId: targets[i % 2].id }, { token: w.admin });
          expect(res.status).toBe(200);
        }
      })();
      const created = await Promise.all(creates);
      await moves;
      expect(created.map((r) => r.status)).toEqual(created.map(() => 200));
      // Every customer's breadcrumb is its parent chain, and everything inside followed the last move.
      const all = (await api.get(`/customers?parentCustomerIds=${root.id}&all=true`, { token: w.admin })).body.items as any[];
      const byId = new Map(all.map((c) => [c.id, c]));
      byId.set(root.id, { id: root.id, parentCustomerId: null });
      for (const c of all) {
        const chain: string[] = [];
        for (let at = c; at; at = at.parentCustomerId ? byId.get(at.parentCustomerId) : null) chain.unshift(at.id);
        expect(c.breadcrumb.map((x: { id: string }) => x.id)).toEqual(chain);
      }
      for (const r of created) expect(byId.get(r.body.id).breadcrumb[1].id).toBe(targets[0].id);
      expect(await hierarchyDisagreements(app.db)).toEqual([]);
    });

    it('never leaves a customer under a parent that a racing cascade delete removed', async () => {
      const root = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: unique('delete-race') });
      const doomed = await createCustomer(api, w.admin, { parentCustomerId: root.id });
      const child = await createCustomer(api, w.admin, { parentCustomerId: doomed.id });
      const creates = Array.from({ length: 20 }, (_, i) =>
        api.post('/customers', { parentCustomerId: (i % 2 ? doomed : child).id, name: `late ${i}` }, { token: w.admin }),
      );
      const deleted = await api.delete(`/customers/${doomed.id}?cascade=true`, { token: w.admin });
      const results = await Promise.all(creates);
      expect(deleted.status).toBe(200);
      // Each create either came first (and was deleted with the subtree) or found its parent gone.
      expect(results.every((r) => r.status === 200 || r.status === 404)).toBe(true);
      for (const r of results.filter((x) => x.status === 200))
        expect((await api.get(`/customers/${r.body.id}`, { token: w.admin })).status).toBe(404);
      const left = (await api.get(`/customers?parentCustomerIds=${root.id}&all=true`, { token: w.admin })).body;
      expect(left.totalCount).toBe(0);
      expect(await hierarchyDisagreements(app.db)).toEqual([]);
    });

    it('inherits settings from the nearest overriding ancestor, at every depth, and follows moves and account changes', async () => {
      const t = await newTree(w.accountA.id);
      const billing = { localNumbers: { baseCost: 9, rawUnitMultiplier: 1, unitCost: 0.5, allowance: 3 } };
      const over = await api.patch(
        `/customers/${t.root.id}`,
        { overrideBillingSettings: true, billingSettings: billing },
        { token: w.admin },
      );
      expect(over.status).toBe(200);
      expect(over.body.billingSettings.localNumbers).toEqual(billing.localNumbers);
      for (const c of [t.mid, t.leaf]) {
        const got = (await api.get(`/customers/${c.id}`, { token: w.admin })).body;
        expect(got.overrideBillingSettings).toBe(false);
        expect(got.billingSettings.localNumbers).toEqual(billing.localNumbers);
      }
      const midOver = await api.patch(
        `/customers/${t.mid.id}`,
        { overrideBillingSettings: true, billingSettings: { localNumbers: { unitCost: 0.1 } } },
        { token: w.admin },
      );
      expect(midOver.body.billingSettings.localNumbers).toEqual({ ...billing.localNumbers, unitCost: 0.1 });
      expect((await api.get(`/customers/${t.leaf.id}`, { token: w.admin })).body.billingSettings.localNumbers.unitCost).toBe(0.1);
      // an ancestor changes: the untouched leaf sees it only through its nearest overriding ancestor
      await api.patch(`/customers/${t.root.id}`, { billingSettings: { localNumbers: { unitCost: 0.7 } } }, { token: w.admin });
      expect((await api.get(`/customers/${t.leaf.id}`, { token: w.admin })).body.billingSettings.localNumbers.unitCost).toBe(0.1);
      await api.patch(`/customers/${t.mid.id}`, { overrideBillingSettings: false }, { token: w.admin });
      expect((await api.get(`/customers/${t.leaf.id}`, { token: w.admin })).body.billingSettings.localNumbers.unitCost).toBe(0.7);
      // moving the subtree out takes it to the account's defaults
      await api.patch(`/customers/${t.mid.id}`, { parentCustomerId: null }, { token: w.admin });
      const account = (await api.get(`/accounts/${w.accountA.id}`, { token: w.admin })).body;
      expect((await api.get(`/customers/${t.leaf.id}`, { token: w.admin })).body.billingSettings).toEqual(account.billingSettings);
      // the account's defaults change: non-overriding customers follow
      await api.patch(`/accounts/${w.accountA.id}`, { appSettings: { pageTitle: 'New title' } }, { token: w.admin });
      expect((await api.get(`/customers/${t.leaf.id}`, { token: w.admin })).body.appSettings.pageTitle).toBe('New title');
    });

    it('refuses billingSettings without the override flag', async () => {
      const c = await createCustomer(api, w.admin, { accountId: w.accountA.id });
      const res = await api.patch(`/customers/${c.id}`, { billingSettings: { base: { baseCost: 1 } } }, { token: w.admin });
      expect(res.status).toBe(400);
      expect(res.body.responseStatus.errors[0].fieldName).toBe('billingSettings');
      expect((await api.get(`/customers/${c.id}`, { token: w.admin })).body.overrideBillingSettings).toBe(false);
    });

    it('sets tags of the customer account only, and 404s tags out of scope', async () => {
      const c = await createCustomer(api, w.admin, { accountId: w.accountA.id });
      const tagA = (await api.post('/tags', { accountId: w.accountA.id, name: unique('a'), color: 'Cyan' }, { token: w.admin })).body;
      const tagB = (await api.post('/tags', { accountId: w.accountB.id, name: unique('b'), color: 'Lime' }, { token: w.admin })).body;
      const ok = await api.patch(`/customers/${c.id}`, { tagIds: [tagA.id] }, { token: w.managerA });
      expect(ok.body.tags).toEqual([{ id: tagA.id, name: tagA.name, color: 'Cyan' }]);
      expect((await api.patch(`/customers/${c.id}`, { tagIds: [tagB.id] }, { token: w.managerA })).status).toBe(404);
      const wrong = await api.patch(`/customers/${c.id}`, { tagIds: [tagA.id, tagB.id] }, { token: w.admin });
      expect(wrong.status).toBe(400);
      expect(wrong.body.responseStatus.errors[0].fieldName).toBe('tagIds[1]');
      expect((await api.get(`/customers/${c.id}`, { token: w.admin })).body.tags).toHaveLength(1);
      // deleting a tag removes it from every customer
      expect((await api.delete(`/tags/${tagA.id}`, { token: w.admin })).status).toBe(200);
      expect((await api.get(`/customers/${c.id}`, { token: w.admin })).body.tags).toEqual([]);
    });

    it('limits a Customer user: own customer only name, data, tags and schedule; never billing or staging', async () => {
      const own = await api.patch(
        `/customers/${w.childA.id}`,
        { name: 'Child A renamed', data: { x: { boolValue: true } } },
        { token: w.customerAtChild },
      );
      expect(own.status).toBe(200);
      for (const body of [
        { referenceId: 'x' },
        { parentCustomerId: w.siblingA.id },
        { overrideAppSettings: true },
        { integrationData: { crm: { thirdPartyId: 'changed' } } },
      ]) {
        expect((await api.patch(`/customers/${w.childA.id}`, body, { token: w.customerAtChild })).status).toBe(403);
      }
      expect((await api.patch(`/customers/${w.grandA.id}`, { overrideBillingSettings: true }, { token: w.customerAtChild })).status).toBe(
        403,
      );
      expect((await api.patch(`/customers/${w.grandA.id}`, { referenceId: unique('g') }, { token: w.customerAtChild })).status).toBe(200);
      expect((await api.patch(`/customers/${w.grandA.id}`, { parentCustomerId: null }, { token: w.customerAtChild })).status).toBe(403);
      // an id outside the subtree in a body field is "not found", like in a path
      expect((await api.patch(`/customers/${w.grandA.id}`, { parentCustomerId: w.siblingA.id }, { token: w.customerAtChild })).status).toBe(
        404,
      );
      expect((await api.patch(`/customers/${w.siblingA.id}`, { name: 'nope' }, { token: w.customerAtChild })).status).toBe(404);
      expect((await api.post(`/customers/${w.grandA.id}/staging`, { isStaging: true }, { token: w.customerAtChild })).status).toBe(403);
      expect((await api.get(`/customers/${w.childA.id}`, { token: w.admin })).body.referenceId).toBeNull();
    });

    it('answers a duplicate referenceId with 409 and changes nothing', async () => {
      const ref = unique('taken');
      await createCustomer(api, w.admin, { accountId: w.accountA.id, referenceId: ref });
      const c = await createCustomer(api, w.admin, { accountId: w.accountA.id, name: 'Before' });
      const res = await api.patch(`/customers/${c.id}`, { name: 'After', referenceId: ref }, { token: w.admin });
      expect(res.status).toBe(409);
      expect((await api.get(`/customers/${c.id}`, { token: w.admin })).body.name).toBe('Before');
    });
  });

  describe('DeleteCustomer and staging', () => {
    it('409s a customer with children unless cascade=true, which leaves no rows behind', async () => {
      const t = await newTree(w.accountA.id);
      const tag = (await api.post('/tags', { accountId: w.accountA.id, name: unique('gone'), color: 'Purple' }, { token: w.admin })).body;
      await api.patch(
        `/customers/${t.leaf.id}`,
        {
          tagIds: [tag.id],
          overrideBillingSettings: true,
          overrideAppSettings: true,
          schedule: { timeZoneId: 'Europe/Paris', rules: [{ simpleRuleType: 'Always', state: 'Open' }] },
        },
        { token: w.admin },
      );
      const user = (
        await api.post(
          '/users',
          { customerId: t.mid.id, emailAddress: `${unique('bound')}@voice.test`, password: 'password-1' },
          { token: w.admin },
        )
      ).body;
      const conflict = await api.delete(`/customers/${t.root.id}`, { token: w.admin });
      expect(conflict.status).toBe(409);
      expect((await api.get(`/customers/${t.leaf.id}`, { token: w.admin })).status).toBe(200);

      expect((await api.delete(`/customers/${t.root.id}?cascade=true`, { token: w.admin })).status).toBe(200);
      const gone = [t.root.id, t.mid.id, t.leaf.id];
      for (const id of gone) expect((await api.get(`/customers/${id}`, { token: w.admin })).status).toBe(404);
      const marks = gone.map(() => '?').join(',');
      for (const [table, column] of [
        ['customers', 'id'],
        ['customer_closure', 'descendant_id'],
        ['customer_closure', 'ancestor_id'],
        ['customer_tags', 'customer_id'],
        ['billing_items', 'customer_id'],
        ['app_settings', 'customer_id'],
        ['schedules', 'customer_id'],
        ['users', 'customer_id'],
      ]) {
        const rows = await app.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} IN (${marks})`, gone);
        expect([table, Number(rows[0].n)]).toEqual([table, 0]);
      }
      expect(
        Number(
          (
            await app.db.query<{ n: number }>(
              'SELECT COUNT(*) AS n FROM scheduling_rules r LEFT JOIN schedules s ON s.id = r.schedule_id WHERE s.id IS NULL',
            )
          )[0].n,
        ),
      ).toBe(0);
      expect((await api.get(`/users/${user.id}`, { token: w.admin })).status).toBe(404);
    });

    it('deletes a leaf without cascade; a Customer user may delete descendants but not itself', async () => {
      const leaf = await createCustomer(api, w.admin, { parentCustomerId: w.grandA.id });
      expect((await api.delete(`/customers/${leaf.id}`, { token: w.customerAtChild })).status).toBe(200);
      expect((await api.delete(`/customers/${w.childA.id}`, { token: w.customerAtChild })).status).toBe(403);
      expect((await api.delete(`/customers/${w.siblingA.id}`, { token: w.customerAtChild })).status).toBe(404);
    });

    it('changes isStaging only through the staging route', async () => {
      const c = await createCustomer(api, w.admin, { accountId: w.accountA.id });
      const res = await api.post(`/customers/${c.id}/staging`, { isStaging: true }, { token: w.managerA });
      expect(res.status).toBe(200);
      expect(res.body.isStaging).toBe(true);
      // Not a PatchCustomer property: ignored (ServiceStack's reading rules), never written.
      expect((await api.patch(`/customers/${c.id}`, { isStaging: false }, { token: w.admin })).status).toBe(200);
      expect((await api.get(`/customers/${c.id}`, { token: w.admin })).body.isStaging).toBe(true);
      expect((await api.post(`/customers/${c.id}/staging`, { isStaging: 'yes' }, { token: w.admin })).status).toBe(400);
      expect((await api.post(`/customers/${c.id}/staging`, { isStaging: false }, { token: w.managerB })).status).toBe(404);
    });
  });
});
