#!/usr/bin/env node
// Benchmarks (npm run bench). Ratios are measured side by side in one run; absolute numbers on
// a shared 2-core machine are noise. Prints:
//  1. jsonwebtoken verify with a string secret vs a KeyObject (why auth.config makes a KeyObject);
//  2. for the hot endpoints of the built app on SQLite: requests/s, latency, and SQL round trips.
const { createSecretKey } = require('node:crypto');
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const jwt = require('jsonwebtoken');

function timeOps(fn, ms = 1500) {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const end = Date.now() + ms;
  const start = process.hrtime.bigint();
  while (Date.now() < end) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

function jwtBench() {
  const secret = 'bench-secret-that-is-at-least-32-bytes-long!';
  const key = createSecretKey(Buffer.from(secret));
  const opts = { algorithms: ['HS256'], audience: 'voice-api', issuer: 'voice-api' };
  const token = jwt.sign({ sid: 's' }, secret, { algorithm: 'HS256', audience: 'voice-api', issuer: 'voice-api', subject: 'u', expiresIn: 600 });
  const asString = timeOps(() => jwt.verify(token, secret, opts));
  const asKey = timeOps(() => jwt.verify(token, key, opts));
  console.log(`jwt verify: string secret ${asString.toFixed(0)}/s, KeyObject ${asKey.toFixed(0)}/s, ratio ${(asKey / asString).toFixed(2)}x`);
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function call(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function load(base, make, total = 2000, concurrency = 8) {
  const latencies = [];
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = process.hrtime.bigint();
        await make(i);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  return { rps: total / seconds, p50: latencies[Math.floor(total * 0.5)], p99: latencies[Math.floor(total * 0.99)] };
}

async function httpBench() {
  const dir = mkdtempSync(join(tmpdir(), 'voice-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [join(__dirname, '../dist/src/main.js')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
      JWT_SECRET: 'bench-secret-that-is-at-least-32-bytes-long!',
      ADMIN_EMAIL: 'bench@voice.test',
      ADMIN_PASSWORD: 'bench-password',
      LOGIN_ATTEMPTS_PER_MINUTE: '100000',
      DATABASE_LOGGING: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  try {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    const { bearerToken: token } = await (
      await fetch(`${base}/auth/credentials`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userName: 'bench@voice.test', password: 'bench-password' }) })
    ).json();
    const account = await call(base, 'POST', '/accounts', token, { name: 'Bench' });
    const root = await call(base, 'POST', '/customers', token, { accountId: account.id, name: 'Root' });
    let parent = root;
    for (let d = 0; d < 5; d++) parent = await call(base, 'POST', '/customers', token, { parentCustomerId: parent.id, name: `Level ${d}` });
    for (let i = 0; i < 200; i++) await call(base, 'POST', '/customers', token, { parentCustomerId: root.id, name: `Child ${i}` });
    const schedule = { timeZoneId: 'America/New_York', defaultState: 'Closed', rules: [{ simpleRuleType: 'Time', state: 'Open', startDate: '2026-01-05', startTime: '09:00', endTime: '17:00', frequency: 'Weekly', byDay: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((dayOfWeek) => ({ offset: 0, dayOfWeek })) }] };
    await call(base, 'PATCH', `/customers/${root.id}`, token, { schedule });

    const endpoints = [
      ['GetCustomer (depth 6)', () => call(base, 'GET', `/customers/${parent.id}`, token)],
      ['ListCustomers (25 per page)', () => call(base, 'GET', `/customers?parentCustomerIds=${root.id}&countPerPage=25`, token)],
      ['ListCustomers (200 per page)', () => call(base, 'GET', `/customers?parentCustomerIds=${root.id}&countPerPage=200`, token)],
      ['NewCustomer', (i) => call(base, 'POST', '/customers', token, { parentCustomerId: root.id, name: `Bench ${i}` })],
      ['GetScheduleState', () => call(base, 'GET', `/customers/${parent.id}/schedule-state?at=2026-11-23T15:00:00Z`, token)],
      ['GetAuthStatus', () => call(base, 'GET', '/auth/status', token)],
    ];
    console.log('\nendpoint                        req/s    p50 ms   p99 ms   SQL queries');
    for (const [name, make] of endpoints) {
      const before = (log.match(/query: /g) ?? []).length;
      await make(-1);
      await new Promise((r) => setTimeout(r, 50));
      const queries = (log.match(/query: /g) ?? []).length - before;
      const r = await load(base, make, name.startsWith('ListCustomers (200') ? 300 : 1000);
      console.log(`${name.padEnd(30)} ${r.rps.toFixed(0).padStart(6)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${String(queries).padStart(8)}`);
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

jwtBench();
httpBench().catch((err) => {
  console.error(err);
  process.exit(1);
});
