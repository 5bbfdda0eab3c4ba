import { randomBytes } from 'node:crypto';
import { FaultProxy } from './support/fault-proxy';
import { describeWithRedis as describeRedis, TEST_REDIS_URL } from './support/redis';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';

const REDIS_URL = TEST_REDIS_URL;
const describeWithRedis = describeRedis('the shared rate limit');

describeWithRedis('Login rate limit shared through REDIS_URL (e2e)', () => {
  const apps: TestApp[] = [];

  beforeAll(async () => {
    // A fresh key namespace per run, so other runs in the same minute do not count.
    const env = { REDIS_URL, REDIS_KEY_PREFIX: `voice-test-${randomBytes(4).toString('hex')}`, LOGIN_ATTEMPTS_PER_MINUTE: '4' };
    apps.push(await startTestApp(env), await startTestApp(env));
  });
  afterAll(() => Promise.all(apps.map((a) => a.stop())));

  it('counts attempts on every instance together', async () => {
    const [one, two] = apps;
    const attempt = (app: TestApp) =>
      app.api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD }).then((r) => r.status);
    expect([await attempt(one), await attempt(one), await attempt(two), await attempt(two)]).toEqual([200, 200, 200, 200]);
    expect(await attempt(one)).toBe(429);
    expect(await attempt(two)).toBe(429);
  });

  it('keeps logins working when Redis does not answer (each instance counts alone)', async () => {
    const app = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', LOGIN_ATTEMPTS_PER_MINUTE: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await app.api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD })).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.stop();
    }
  });

  it('warns once when Redis goes away, once when it is back, and not every retry in between', async () => {
    const { hostname, port } = new URL(REDIS_URL);
    const proxy = new FaultProxy({ host: hostname, port: Number(port || 6379) });
    const through = await proxy.start();
    proxy.cut();
    const app = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${through}`,
      REDIS_KEY_PREFIX: `voice-test-${randomBytes(4).toString('hex')}`,
    });
    const count = (pattern: RegExp) => (app.output().match(new RegExp(pattern.source, 'g')) ?? []).length;
    try {
      // The client retries every 200 ms, then up to every 5 s: several times in these seconds.
      await new Promise((r) => setTimeout(r, 3000));
      expect(count(/Redis unavailable/)).toBe(1);
      proxy.restore();
      for (let i = 0; i < 100 && count(/Redis is back/) === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(count(/Redis is back/)).toBe(1);
      expect(count(/Redis unavailable/)).toBe(1);
      expect((await app.api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD })).status).toBe(200);
    } finally {
      await app.stop();
      await proxy.stop();
    }
  });
});
