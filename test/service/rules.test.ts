import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccountsService } from '../../src/accounts/accounts.service';
import { Role } from '../../src/common/auth/role.enum';
import { CustomerPatchService } from '../../src/customers/customer-patch.service';
import { CustomersService } from '../../src/customers/customers.service';
import { TagColor } from '../../src/tags/tag-color.enum';
import { TagsService } from '../../src/tags/tags.service';
import { UserAdminService } from '../../src/users/user-admin.service';
import { UsersService } from '../../src/users/users.service';
import { principal, refusal, ServiceWorld, startServices } from './service-world';

void describe('patch, tag and user rules, on the services themselves (in-memory SQLite)', () => {
  let world: ServiceWorld;
  let accounts: AccountsService;
  let customers: CustomersService;
  let patches: CustomerPatchService;
  let tags: TagsService;
  let users: UsersService;
  let userAdmin: UserAdminService;

  before(async () => {
    world = await startServices();
    accounts = world.get(AccountsService);
    customers = world.get(CustomersService);
    patches = world.get(CustomerPatchService);
    tags = world.get(TagsService);
    users = world.get(UsersService);
    userAdmin = world.get(UserAdminService);
  });
  after(() => world.close());

  const tree = async () => {
    const account = await accounts.create(world.admin, { name: 'Rules' });
    const root = await customers.create(world.admin, { accountId: account.id, name: 'root' });
    const child = await customers.create(world.admin, { parentCustomerId: root.id, name: 'child' });
    const grandchild = await customers.create(world.admin, { parentCustomerId: child.id, name: 'grandchild' });
    const other = await customers.create(world.admin, { accountId: account.id, name: 'other root' });
    return { account, root, child, grandchild, other };
  };

  void it('patch: never under its own descendant; billing only with the override; a Customer user keeps to its own fields', async () => {
    const t = await tree();
    assert.deepEqual(await refusal(patches.patch(world.admin, t.child.id, { parentCustomerId: t.grandchild.id })), {
      status: 400,
      errorCode: 'Cycle',
      fieldName: 'parentCustomerId',
    });
    const billing = await refusal(patches.patch(world.admin, t.child.id, { billingSettings: { base: { baseCost: 1 } } }));
    assert.equal(billing.status, 400);
    const moved = await patches.patch(world.admin, t.grandchild.id, { parentCustomerId: t.other.id });
    assert.deepEqual(
      moved.breadcrumb.map((b) => b.id),
      [t.other.id, t.grandchild.id],
    );
    const own = principal({ roles: [Role.Customer], accountIds: [t.account.id], customerId: t.child.id });
    assert.equal((await patches.patch(own, t.child.id, { name: 'renamed by its user' })).name, 'renamed by its user');
    assert.equal((await refusal(patches.patch(own, t.child.id, { overrideBillingSettings: true }))).status, 403);
    assert.equal((await refusal(patches.patch(own, t.root.id, { name: 'not mine' }))).status, 404);
  });

  void it('tags: a Customer user changes a tag only while no customer outside its subtree carries it', async () => {
    const t = await tree();
    const tag = await tags.create(world.admin, { accountId: t.account.id, name: 'shared', color: TagColor.Blue });
    await patches.patch(world.admin, t.grandchild.id, { tagIds: [tag.id] });
    const own = principal({ roles: [Role.Customer], accountIds: [t.account.id], customerId: t.child.id });
    assert.equal((await tags.patch(own, tag.id, { name: 'mine now' })).name, 'mine now');
    await patches.patch(world.admin, t.other.id, { tagIds: [tag.id] });
    assert.equal((await refusal(tags.patch(own, tag.id, { name: 'still mine?' }))).status, 403);
    assert.equal((await refusal(tags.delete(own, tag.id))).status, 403);
  });

  void it('users: roles are ["Customer"] exactly for users bound to a customer, and nobody deletes themselves', async () => {
    const t = await tree();
    const bound = await users.create(world.admin, {
      emailAddress: 'bound@service.test',
      password: 'long-enough-1',
      customerId: t.child.id,
    });
    assert.deepEqual(bound.roles, [Role.Customer]);
    assert.equal((await refusal(userAdmin.patch(world.admin, bound.id, { roles: [Role.Manager] }))).status, 400);
    const manager = await users.create(world.admin, {
      emailAddress: 'manager@service.test',
      password: 'long-enough-1',
      accountId: t.account.id,
      roles: [Role.Manager],
    });
    assert.equal((await refusal(userAdmin.patch(world.admin, manager.id, { roles: [Role.Customer] }))).status, 400);
    const self = principal({ userId: manager.id, roles: [Role.Manager], accountIds: [t.account.id] });
    assert.equal((await refusal(userAdmin.delete(self, manager.id))).status, 400);
  });
});
