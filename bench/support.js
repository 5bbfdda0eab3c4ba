// What the bench scripts share: a free port, waiting for a server, the MariaDB they measure on, a
// call to the API and a closed-loop load.
const { createServer } = require('node:net');
const { createConnection } = require('mysql2/promise');

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Polls `ok` until it holds; throws after `ms`. */
async function until(ok, what, ms = 30_000) {
  for (const start = Date.now(); Date.now() - start < ms; await new Promise((r) => setTimeout(r, 100))) {
    try {
      if (await ok()) return;
    } catch {}
  }
  throw new Error(`${what} did not come up in ${ms} ms`);
}

const healthy = (base, what = 'the API') => until(async () => (await fetch(`${base}/health`)).ok, what);

/** The MySQL/MariaDB server to measure on: BENCH_MYSQL_URL, else the tests' TEST_MYSQL_URL. */
const benchServer = () => new URL(process.env.BENCH_MYSQL_URL || process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test');

/** A connection to that server, no database selected. */
const connectServer = (server, options = {}) =>
  createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: decodeURIComponent(server.password),
    ...options,
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

/** A bearer token for that user. */
async function login(base, userName, password) {
  const res = await fetch(`${base}/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName, password }),
  });
  return (await res.json()).bearerToken;
}

/** The small world the HTTP benches measure: an account, a root with 200 children, and a chain 6 deep under it. */
async function seedWorld(base, token) {
  const account = await call(base, 'POST', '/accounts', token, { name: 'Bench' });
  const root = await call(base, 'POST', '/customers', token, { accountId: account.id, name: 'Root' });
  let deep = root;
  for (let d = 0; d < 5; d++) deep = await call(base, 'POST', '/customers', token, { parentCustomerId: deep.id, name: `Level ${d}` });
  for (let i = 0; i < 200; i++) await call(base, 'POST', '/customers', token, { parentCustomerId: root.id, name: `Child ${i}` });
  return { root, deep };
}

module.exports = { benchServer, call, connectServer, freePort, healthy, load, login, seedWorld, until };
