import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ApiClient } from './api-client';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'e2e-test-secret-that-is-at-least-32-bytes-long';
export const ADMIN_EMAIL = 'root@voice.test';
export const ADMIN_PASSWORD = 'admin-password-1';

export interface TestApp {
  baseUrl: string;
  api: ApiClient;
  db: TestDatabase;
  output(): string;
  /** Sends a signal to the app's process; `exited` resolves with its exit code (null if killed by a signal). */
  signal(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the compiled app (`npm run build` first) on a fresh database. */
export async function startTestApp(env: Record<string, string> = {}, databaseUrl = (url: string) => url): Promise<TestApp> {
  const db = await createTestDatabase();
  try {
    return await spawnApp(db, { DATABASE_URL: databaseUrl(db.url), ...env });
  } catch (err) {
    await db.drop();
    throw err;
  }
}

/** Starts the compiled app on a database a previous app left behind (an upgrade, a restart). */
export const startTestAppOn = (db: TestDatabase, env: Record<string, string> = {}): Promise<TestApp> =>
  spawnApp(db, { DATABASE_URL: db.url, ...env });

async function spawnApp(db: TestDatabase, env: Record<string, string>): Promise<TestApp> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '../../dist/src/main.js')], {
    env: {
      PATH: process.env.PATH,
      TZ: process.env.TZ,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      LOGIN_ATTEMPTS_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited during start:\n${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`app did not start in 30 s:\n${log}`);
    }
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    api: new ApiClient(baseUrl),
    db,
    output: () => log,
    signal: (signal) => child.kill(signal),
    exited,
    stop: async () => {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      await db.drop();
    },
  };
}
