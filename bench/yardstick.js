// The speed yardstick (issue "At the practical speed limit"): the API and the frameworkless
// reference of ../shared/bench/ side by side on the same MariaDB, through the reference's own
// perf.mjs, which prints each operation's throughput and p99 and the ratio to the reference.
// Skipped, saying why, when there is no MariaDB (BENCH_MYSQL_URL) or no reference (YARDSTICK_DIR).
const { execFileSync, spawn } = require('node:child_process');
const { cpSync, existsSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { benchServer, connectServer, freePort, healthy, login, until } = require('./support');

const SECRET = 'yardstick-secret-0123456789abcdef0123456789';
const ADMIN = { userName: 'bench@example.com', password: 'Bench-pass-0123456789' };

/** The reference with its dependencies installed, in a scratch copy (the shared folder stays as it is). */
function referenceDir() {
  const source = process.env.YARDSTICK_DIR || join(__dirname, '../../shared/bench');
  if (!existsSync(join(source, 'reference-server.mjs'))) return undefined;
  if (existsSync(join(source, 'node_modules'))) return source;
  const copy = mkdtempSync(join(tmpdir(), 'yardstick-'));
  cpSync(source, copy, { recursive: true });
  execFileSync('npm', ['ci', '--silent', '--no-audit', '--no-fund'], { cwd: copy, stdio: 'inherit' });
  return copy;
}

async function yardstick(dist = join(__dirname, '../dist')) {
  console.log('\nagainst the yardstick (../shared/bench, MariaDB, 32 connections)');
  const server = benchServer();
  let admin;
  try {
    admin = await connectServer(server, { connectTimeout: 3000 });
  } catch (err) {
    console.log(`  skipped: no MySQL/MariaDB at ${server.host} (${err.message})`);
    return;
  }
  const dir = referenceDir();
  if (!dir) {
    console.log('  skipped: no reference (set YARDSTICK_DIR to a copy of ../shared/bench)');
    await admin.end();
    return;
  }
  const url = (db) => Object.assign(new URL(server), { pathname: `/${db}` }).toString();
  for (const db of ['yardstick', 'bench_api']) await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query('CREATE DATABASE yardstick');
  await admin.query('CREATE DATABASE bench_api CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  const [refPort, apiPort] = [await freePort(), await freePort()];
  const children = [
    spawn(process.execPath, [join(dir, 'reference-server.mjs'), String(refPort), url('yardstick'), SECRET], { stdio: 'ignore' }),
    spawn(process.execPath, [join(dist, 'src/main.js')], {
      env: {
        PATH: process.env.PATH,
        PORT: String(apiPort),
        HOST: '127.0.0.1',
        DATABASE_URL: url('bench_api'),
        JWT_SECRET: SECRET,
        ADMIN_EMAIL: ADMIN.userName,
        ADMIN_PASSWORD: ADMIN.password,
        LOGIN_ATTEMPTS_PER_MINUTE: '100000',
        // With Redis the API keeps callers between requests (a logout still bites at once); without, it reads each.
        REDIS_URL: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: 'voice-bench',
      },
      stdio: 'ignore',
    }),
  ];
  try {
    const api = `http://127.0.0.1:${apiPort}`;
    const ref = `http://127.0.0.1:${refPort}`;
    await healthy(api);
    await until(async () => (await fetch(ref)).status > 0, 'the reference');
    const bearerToken = await login(api, ADMIN.userName, ADMIN.password);
    try {
      execFileSync(process.execPath, [join(dir, 'perf.mjs'), api, bearerToken, ref, SECRET], { stdio: 'inherit' });
    } catch (err) {
      // perf.mjs says what it measured, then exits 1 while an operation is below the goal.
      if (err.status !== 1) throw err;
      console.log('  (below the goal of 0.8 on at least one operation)');
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    for (const db of ['yardstick', 'bench_api']) await admin.query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
    await admin.end();
  }
}

module.exports = { yardstick };
