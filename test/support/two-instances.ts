import { randomBytes } from 'node:crypto';
import { FaultProxy } from './fault-proxy';
import { TEST_REDIS_URL } from './redis';
import { startTestApp, startTestAppOn, TestApp } from './test-app';

export const until = async (what: string, ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!ok()) throw new Error(`never saw: ${what}`);
};

export interface TwoInstances {
  a: TestApp;
  b: TestApp;
  /** B reaches Redis through it: cut it to take B's subscription away. */
  proxy: FaultProxy;
  stop(): Promise<void>;
}

/**
 * Two instances on one database and one Redis, as behind a load balancer, with their query logs
 * on; returns once both are subscribed to the changes channel.
 */
export async function startTwoInstances(): Promise<TwoInstances> {
  const env = { REDIS_KEY_PREFIX: `voice-test-${randomBytes(4).toString('hex')}`, DATABASE_LOGGING: 'true' };
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const proxy = new FaultProxy({ host: hostname, port: Number(port || 6379) });
  const through = await proxy.start();
  const a = await startTestApp({ ...env, REDIS_URL: TEST_REDIS_URL });
  const b = await startTestAppOn(a.db, { ...env, REDIS_URL: `redis://127.0.0.1:${through}` });
  await until('both subscribed', () => [a, b].every((x) => /Subscribed to changes/.test(x.output())));
  return {
    a,
    b,
    proxy,
    async stop() {
      b.signal('SIGTERM');
      await b.exited;
      await a.stop();
      await proxy.stop();
    },
  };
}
