import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.close();
    return true;
  } catch {
    return false;
  }
}

describe('Login rate limit shared through REDIS_URL (e2e)', () => {
  const apps: TestApp[] = [];
  let available = false;

  beforeAll(async () => {
    available = await redisAnswers();
    if (!available) {
      console.warn(`SKIPPED: no Redis answers at ${REDIS_URL}; the shared rate limit was not tested.`);
      return;
    }
    // A fresh key namespace per run, so other runs in the same minute do not count.
    const env = { REDIS_URL, REDIS_KEY_PREFIX: `voice-test-${randomBytes(4).toString('hex')}`, LOGIN_ATTEMPTS_PER_MINUTE: '4' };
    apps.push(await startTestApp(env), await startTestApp(env));
  });
  afterAll(() => Promise.all(apps.map((a) => a.stop())));

  it('counts attempts on every instance together', async () => {
    if (!available) return;
    const [one, two] = apps;
    const attempt = (app: TestApp) =>
      app.api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD }).then((r) => r.status);
    expect([await attempt(one), await attempt(one), await attempt(two), await attempt(two)]).toEqual([200, 200, 200, 200]);
    expect(await attempt(one)).toBe(429);
    expect(await attempt(two)).toBe(429);
  });

  it('keeps logins working when Redis does not answer (each instance counts alone)', async () => {
    if (!available) return;
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
});
