import { Connection, QueryBatch } from './query-batch';

/** A connection to `type` that records what it was sent and answers from a script. */
function connection(
  type: 'mysql' | 'better-sqlite3',
  answer: (sql: string, params: unknown[]) => unknown,
): Connection & { sent: [string, unknown[]][] } {
  const sent: [string, unknown[]][] = [];
  return {
    sent,
    connection: { options: { type } },
    query: <T>(sql: string, params: unknown[] = []) => {
      sent.push([sql, params]);
      try {
        return Promise.resolve(answer(sql, params) as T);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
  };
}

describe('QueryBatch', () => {
  it('sends every statement in one query on MySQL and hands each caller its own result', async () => {
    const on = connection('mysql', () => [[{ a: 1 }], [{ b: 2 }]]);
    const batch = new QueryBatch();
    const first = batch.query('SELECT a FROM x WHERE id = ?;', [1]);
    const second = batch.query('SELECT b FROM y WHERE id IN (?, ?)', [2, 3]);
    await batch.run(on);
    expect(on.sent).toEqual([['SELECT a FROM x WHERE id = ?;\nSELECT b FROM y WHERE id IN (?, ?)', [1, 2, 3]]]);
    expect([await first, await second]).toEqual([[{ a: 1 }], [{ b: 2 }]]);
  });

  it('opens and commits a snapshot in the same round trip, and hands out only the reads', async () => {
    const on = connection('mysql', () => [{ ok: 'start' }, [{ a: 1 }], { ok: 'commit' }]);
    const batch = new QueryBatch();
    const read = batch.query('SELECT 1');
    await batch.run(on, { begin: true, commit: true });
    expect(on.sent[0][0]).toBe('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY;\nSELECT 1;\nCOMMIT');
    expect(await read).toEqual([{ a: 1 }]);
  });

  it('runs the statements one by one on SQLite', async () => {
    const on = connection('better-sqlite3', (sql) => [{ sql }]);
    const batch = new QueryBatch();
    const reads = [batch.query('SELECT 1'), batch.query('SELECT 2')];
    await batch.run(on);
    expect(on.sent.map(([sql]) => sql)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(await Promise.all(reads)).toEqual([[{ sql: 'SELECT 1' }], [{ sql: 'SELECT 2' }]]);
  });

  it('fails every caller with the batch, and leaves no rejection unheard when awaited together', async () => {
    const unheard = jest.fn();
    process.on('unhandledRejection', unheard);
    try {
      const on = connection('mysql', () => {
        throw Object.assign(new Error('connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
      });
      const batch = new QueryBatch();
      const read = batch.query('SELECT 1');
      const derived = (async () => (await read) as unknown[])();
      await expect(Promise.all([batch.run(on), derived])).rejects.toThrow('connection lost');
      await expect(read).rejects.toThrow('connection lost');
      await new Promise((r) => setImmediate(r));
      expect(unheard).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unheard);
    }
  });
});
