import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loginAdmin } from './support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';

const MAIN = join(__dirname, '../dist/src/main.js');
const JWT_SECRET = 'e2e-test-secret-that-is-at-least-32-bytes-long';

/** The JSON lines a non-TTY app wrote (the start-up banner and query logs are not JSON). */
const jsonLines = (output: string): Record<string, any>[] =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, any>);

async function settled(app: TestApp, ok: (output: string) => boolean): Promise<string> {
  for (let i = 0; i < 100 && !ok(app.output()); i++) await new Promise((r) => setTimeout(r, 50));
  return app.output();
}

/** A port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('Logs an operator can use (e2e)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.stop());

  it('starts quietly: a few lines, no route mapping', () => {
    const lines = app.output().trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(app.output()).not.toMatch(/Mapped \{|InstanceLoader|successfully started/);
    expect(jsonLines(app.output()).map((l) => l.msg)).toContain(
      'Listening on http://localhost:' + new URL(app.baseUrl).port + ' (Swagger UI at /swagger-ui)',
    );
  });

  it('writes one JSON line per request with its route, status, duration, user and request id, and never a secret', async () => {
    const token = await loginAdmin(app.api);
    const me = (await app.api.get('/auth', { token })).body;
    const traced = await app.api.get('/customers?countPerPage=5', { token, headers: { 'x-request-id': 'trace-42' } });
    expect(traced.headers.get('x-request-id')).toBe('trace-42');
    const hostile = await app.api.get('/customers', { token, headers: { 'x-request-id': 'x'.repeat(500) } });
    const replaced = hostile.headers.get('x-request-id')!;
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    await app.api.post('/customers', { name: '' }, { token });

    const output = await settled(app, (o) => o.includes(replaced) && o.includes('"status":400'));
    const requests = jsonLines(output).filter((l) => l.msg === 'request');
    const line = requests.find((l) => l.requestId === 'trace-42')!;
    expect(line).toMatchObject({ method: 'GET', route: '/customers', status: 200, userId: me.userId });
    expect(typeof line.durationMs).toBe('number');
    expect(requests.find((l) => l.requestId === replaced)).toMatchObject({ status: 200 });
    expect(requests.find((l) => l.status === 400)).toMatchObject({ method: 'POST', route: '/customers' });
    expect(requests.find((l) => l.route === '/auth/credentials')).toMatchObject({ status: 200 });
    // Not the password, not a token, not a body, not a query string.
    expect(output).not.toContain(ADMIN_PASSWORD);
    expect(output).not.toContain(token);
    expect(output).not.toContain('countPerPage');
    expect(Object.keys(line).sort()).toEqual([
      'durationMs',
      'level',
      'method',
      'msg',
      'pid',
      'requestId',
      'route',
      'status',
      'time',
      'userId',
    ]);
  });

  it('shows the route mapping with LOG_LEVEL=debug', async () => {
    const debug = await startTestApp({ LOG_LEVEL: 'debug' });
    try {
      expect(debug.output()).toMatch(/Mapped \{\/customers, POST\} route/);
    } finally {
      await debug.stop();
    }
  });

  it('reports a database it cannot reach in one line per retry, with the cause, then refuses to start', async () => {
    const run = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, DATABASE_URL: `mysql://root@127.0.0.1:${await closedPort()}/voice`, JWT_SECRET },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const retries = jsonLines(run.stdout).filter((l) => /Retrying/.test(l.msg));
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.every((l) => /ECONNREFUSED/.test(l.cause))).toBe(true);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at /m);
    expect(run.stderr.trim()).toMatch(/^Refusing to start: the database cannot be reached \(.*ECONNREFUSED.*\); check DATABASE_URL$/);
  });

  it('refuses a port already in use, without claiming to have started', async () => {
    const port = new URL(app.baseUrl).port;
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: 'sqlite::memory:',
        JWT_SECRET,
        PORT: port,
        HOST: '127.0.0.1',
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
      },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const status = await new Promise<number | null>((r) => child.once('exit', r));
    expect(status).toBe(1);
    expect(output).toContain(`Refusing to start: port ${port} is already in use`);
    expect(output).not.toMatch(/Listening on|successfully started|EADDRINUSE/);
  });
});
