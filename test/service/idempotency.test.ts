import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { IdempotencyStore } from '../../src/common/idempotency/idempotency.store';
import { UsersService } from '../../src/users/users.service';
import { ServiceWorld, startServices } from './service-world';

void describe('Idempotency-Key leases, on the store itself (in-memory SQLite)', () => {
  let world: ServiceWorld;
  let store: IdempotencyStore;
  let db: DataSource;
  let userId: string;

  before(async () => {
    world = await startServices();
    store = world.get(IdempotencyStore);
    db = world.get(DataSource);
    userId = (await world.get(UsersService).findByEmail('root@service.test'))!.id;
  });
  after(() => world.close());

  /** What a request whose instance died leaves behind: its lease runs out. */
  const expire = (id: string) => db.query('UPDATE idempotency_keys SET locked_until = ? WHERE id = ?', [Date.now() - 1, id]);

  void it("gives a key whose lease ran out to a retry, and keeps it the retry's when the first finishes or fails late", async () => {
    const first = await store.claim(userId, 'key-1', 'request', 60_000);
    assert.equal(first.kind, 'claimed');
    if (first.kind !== 'claimed') return;
    assert.equal((await store.claim(userId, 'key-1', 'request', 60_000)).kind, 'in-flight');
    await expire(first.id);
    const retry = await store.claim(userId, 'key-1', 'request', 60_000);
    assert.equal(retry.kind, 'claimed');
    if (retry.kind !== 'claimed') return;
    // The first, still running somewhere, can neither answer for the key nor free it.
    await assert.rejects(store.complete(first, 200, { from: 'first' }), { errorCode: 'IdempotencyKeyInFlight' });
    await store.release(first);
    await store.complete(retry, 200, { from: 'retry' });
    assert.deepEqual(await store.claim(userId, 'key-1', 'request', 60_000), { kind: 'replay', status: 200, body: { from: 'retry' } });
  });

  void it('frees a key its own request released, so the next retry runs at once', async () => {
    const claim = await store.claim(userId, 'key-2', 'request', 60_000);
    if (claim.kind !== 'claimed') return assert.fail(claim.kind);
    await store.release(claim);
    assert.equal((await store.claim(userId, 'key-2', 'request', 60_000)).kind, 'claimed');
  });
});
