import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createAccount, loginAdmin } from './support/factories';
import { startTestApp } from './support/test-app';
import { TEST_DB, TEST_MYSQL_URL } from './support/test-database';

const MAIN = join(__dirname, '../dist/src/main.js');

describe('Configuration that is found, CSV that spreadsheets open (e2e)', () => {
  it('reads .env from the working directory, the environment winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voice-env-'));
    try {
      // PORT is bad in the file but set in the environment, which wins; LIST_HARD_LIMIT is only in
      // the file, so refusing it proves the file was read.
      writeFileSync(join(dir, '.env'), 'PORT=eighty\nDATABASE_URL=sqlite::memory:\nLIST_HARD_LIMIT=zero\n');
      const run = spawnSync(process.execPath, [MAIN], {
        cwd: dir,
        env: { PATH: process.env.PATH, PORT: '0' },
        encoding: 'utf8',
        timeout: 20000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Refusing to start: LIST_HARD_LIMIT must be an integer/);
      expect(run.stderr).not.toMatch(/PORT must be/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a generated admin password last, and lets an operator reset it or add an admin with npm run admin', async () => {
    const app = await startTestApp({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    try {
      let output = '';
      for (let i = 0; i < 50 && !/It is not shown again/.test(output); i++) {
        await new Promise((r) => setTimeout(r, 100));
        output = app.output();
      }
      const generated = /with password\n\n\s+(\S+)\n/.exec(output)?.[1];
      expect(generated).toBeDefined();
      expect(output.indexOf('Listening on')).toBeLessThan(output.indexOf('with password'));
      const login = (email: string, password: string) =>
        app.api.post('/auth/credentials', { userName: email, password }).then((r) => r.status);
      expect(await login('admin@localhost', generated!)).toBe(200);
      const admin = (...args: string[]) =>
        spawnSync(process.execPath, [join(__dirname, '../dist/src/cli/admin.js'), ...args], {
          env: { PATH: process.env.PATH, DATABASE_URL: app.db.url },
          encoding: 'utf8',
          timeout: 30000,
        });
      const reset = admin('reset-password', 'admin@localhost', '--password', 'a-new-password-1');
      expect([reset.status, reset.stdout]).toEqual([0, 'New password for admin@localhost.\n']);
      expect([await login('admin@localhost', generated!), await login('admin@localhost', 'a-new-password-1')]).toEqual([401, 200]);
      const created = admin('create-admin', 'ops@voice.test');
      const printed = /with password:\n\n\s+(\S+)\n/.exec(created.stdout)?.[1];
      expect([created.status, await login('ops@voice.test', printed!)]).toEqual([0, 200]);
      const again = admin('create-admin', 'ops@voice.test');
      expect([again.status, again.stderr]).toEqual([1, expect.stringMatching(/already exists: use reset-password/)]);
      expect(admin('launch-missiles', 'x@y.z').stderr).toMatch(/usage: npm run admin/);
    } finally {
      await app.stop();
    }
  });

  it('writes a byte-order mark before CSV only when asked (?bom=true)', async () => {
    const app = await startTestApp();
    try {
      const admin = await loginAdmin(app.api);
      await createAccount(app.api, admin, { name: 'Zoë Straße' });
      const plain = await fetch(`${app.baseUrl}/accounts.csv`, { headers: { authorization: `Bearer ${admin}` } });
      const withBom = await fetch(`${app.baseUrl}/accounts.csv?bom=true`, { headers: { authorization: `Bearer ${admin}` } });
      const [a, b] = [Buffer.from(await plain.arrayBuffer()), Buffer.from(await withBom.arrayBuffer())];
      expect([...a.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
      expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(b.subarray(3).toString('utf8')).toBe(a.toString('utf8'));
    } finally {
      await app.stop();
    }
  });

  (TEST_DB === 'mysql' ? it : it.skip)('refuses a MySQL/MariaDB database that is not utf8mb4, saying how to fix it', async () => {
    const url = new URL(TEST_MYSQL_URL);
    const name = `voice_latin1_${process.pid}`;
    const admin = await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username || 'root'),
      password: decodeURIComponent(url.password),
    });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET latin1`);
    try {
      url.pathname = `/${name}`;
      const run = spawnSync(process.execPath, [MAIN], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: url.toString(),
          PORT: '0',
          JWT_SECRET: 'e2e-test-secret-that-is-at-least-32-bytes-long',
        },
        encoding: 'utf8',
        timeout: 20000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Refusing to start: database '.*' uses the character set latin1/);
      expect(run.stderr).toMatch(/ALTER DATABASE/);
      const [tables] = await admin.query(`SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?`, [name]);
      expect(Number((tables as { n: number }[])[0].n)).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE \`${name}\``);
      await admin.end();
    }
  });

  it('refuses DATABASE_READ_URLS that are not nodes of a Galera cluster, or beside SQLite', () => {
    const start = (env: Record<string, string>) =>
      spawnSync(process.execPath, [MAIN], {
        env: { PATH: process.env.PATH, PORT: '0', JWT_SECRET: 'e2e-test-secret-that-is-at-least-32-bytes-long', ...env },
        encoding: 'utf8',
        timeout: 20000,
      });
    const beside = start({ DATABASE_URL: 'sqlite::memory:', DATABASE_READ_URLS: TEST_MYSQL_URL });
    expect(beside.status).toBe(1);
    expect(beside.stderr).toMatch(/Refusing to start: DATABASE_READ_URLS needs a MySQL\/MariaDB \(Galera\) DATABASE_URL/);
    if (TEST_DB !== 'mysql') return;
    // The machine's MariaDB replicates nothing: reads sent to it as a replica could miss a client's own writes.
    const plain = start({ DATABASE_URL: TEST_MYSQL_URL, DATABASE_READ_URLS: TEST_MYSQL_URL });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/Refusing to start: DATABASE_READ_URLS: the read replica .* is not a Galera node/);
  });
});
