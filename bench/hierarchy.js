#!/usr/bin/env node
// Cost as the data grows (issue "At the practical speed limit", item 4): trees of 10k and 1M
// customers in one account, built with bulk SQL on MariaDB (not through the API), then the hot
// operations through the API on each, and the EXPLAIN of each hot query. A 4-ary tree from one
// root, plus a chain of 10 below the root (a node 10 deep, inheriting the root's billing).
// Usage: npm run build && node bench/hierarchy.js [sizes=10000,1000000]
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { benchServer, connectServer, freePort, healthy } = require('./support');

const FANOUT = 4;
const SECRET = 'hierarchy-bench-secret-0123456789abcdef0123';
const ADMIN = { userName: 'bench@example.com', password: 'Bench-pass-0123456789' };
const idOf = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const ID_SQL = (expr) => `CONCAT('00000000-0000-4000-8000-', LPAD(LOWER(HEX(${expr})), 12, '0'))`;

/** Index ranges of each level of a FANOUT-ary heap numbered from 1 (children of p: FANOUT*(p-1)+2 …). */
function levels(n) {
  const out = [];
  for (let start = 1, width = 1; start <= n; start += width, width *= FANOUT) out.push([start, Math.min(n, start + width - 1)]);
  return out;
}

async function timed(fn, runs) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

async function build(db, accountId, n) {
  await db.query('SET foreign_key_checks = 0, unique_checks = 0');
  const t0 = Date.now();
  await db.query(
    `INSERT INTO customers (id, account_id, parent_customer_id, name, is_staging, override_billing_settings, override_app_settings, date_created, date_last_modified)
     SELECT ${ID_SQL('seq')}, ?, IF(seq = 1, NULL, ${ID_SQL(`FLOOR((seq - 2) / ${FANOUT}) + 1`)}), CONCAT('Customer ', seq), 0, 0, 0, NOW(3), NOW(3)
       FROM seq_1_to_${n}`,
    [accountId],
  );
  // The chain: n+1 … n+10, each below the one before, the first below the root.
  await db.query(
    `INSERT INTO customers (id, account_id, parent_customer_id, name, is_staging, override_billing_settings, override_app_settings, date_created, date_last_modified)
     SELECT ${ID_SQL(`${n} + seq`)}, ?, IF(seq = 1, ${ID_SQL('1')}, ${ID_SQL(`${n} + seq - 1`)}), CONCAT('Chain ', seq), 0, 0, 0, NOW(3), NOW(3) FROM seq_1_to_10`,
    [accountId],
  );
  await db.query(
    `INSERT INTO customer_closure (ancestor_id, descendant_id, depth, descendant_name) SELECT id, id, 0, name FROM customers WHERE account_id = ?`,
    [accountId],
  );
  const copyParentPaths = (from, to) =>
    db.query(
      `INSERT INTO customer_closure (ancestor_id, descendant_id, depth, descendant_name)
       SELECT cc.ancestor_id, c.id, cc.depth + 1, c.name FROM customers c JOIN customer_closure cc ON cc.descendant_id = c.parent_customer_id
        WHERE c.id BETWEEN ? AND ?`,
      [idOf(from), idOf(to)],
    );
  for (const [from, to] of levels(n).slice(1)) await copyParentPaths(from, to);
  for (let k = 1; k <= 10; k++) await copyParentPaths(n + k, n + k);
  await db.query(
    'INSERT INTO customer_subtree_sizes (customer_id, shard, size) SELECT ancestor_id, 0, COUNT(*) FROM customer_closure GROUP BY ancestor_id',
  );
  await db.query('SET foreign_key_checks = 1, unique_checks = 1');
  await db.query('ANALYZE TABLE customers, customer_closure, customer_subtree_sizes');
  const [[{ total }]] = await db.query('SELECT COUNT(*) AS total FROM customer_closure');
  return { seconds: (Date.now() - t0) / 1000, closureRows: Number(total) };
}

async function explain(db, label, sql, params) {
  const [rows] = await db.query(`EXPLAIN ${sql}`, params);
  console.log(`  EXPLAIN ${label}`);
  for (const r of rows)
    console.log(`    ${r.table ?? '-'}: type=${r.type} key=${r.key ?? '-'} rows=${r.rows}${r.Extra ? ` (${r.Extra})` : ''}`);
}

async function measure(n) {
  const server = benchServer();
  const name = `bench_tree_${n}`;
  const admin = await connectServer(server);
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.query(`USE ${name}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  const app = spawn(process.execPath, [join(__dirname, '../dist/src/main.js')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      JWT_SECRET: SECRET,
      ADMIN_EMAIL: ADMIN.userName,
      ADMIN_PASSWORD: ADMIN.password,
      LIST_HARD_LIMIT: '1000000',
      // Long enough to time what does not scale, rather than cut it off at the default 5 s (a 503).
      DB_QUERY_TIMEOUT_MS: '300000',
    },
    stdio: 'ignore',
  });
  try {
    await healthy(base);
    const call = async (method, path, body) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    let token = '';
    token = (await call('POST', '/auth/credentials', ADMIN)).bearerToken;
    const account = await call('POST', '/accounts', { name: `Tree ${n}` });
    const built = await build(admin, account.id, n);
    const root = idOf(1);
    await call('PATCH', `/customers/${root}`, {
      overrideBillingSettings: true,
      billingSettings: { base: { baseCost: 9 } },
      schedule: { timeZoneId: 'Europe/London', rules: [] },
    });
    const deep = idOf(n + 10);
    const big = idOf(2); // a level-1 node: a quarter of the tree below it
    const [moveFrom, moveTo] =
      n >= 100000 ? [idOf(levels(n)[3][0]), idOf(levels(n)[3][0] + 1)] : [idOf(levels(n)[1][0]), idOf(levels(n)[1][0] + 1)];
    const [[{ size }]] = await admin.query('SELECT COUNT(*) AS size FROM customer_closure WHERE ancestor_id = ?', [moveFrom]);
    const out = {
      build: `${built.seconds.toFixed(0)} s, ${built.closureRows} closure rows`,
      'GetCustomer, 10 deep (breadcrumb, settings inherited 10 levels)': await timed(() => call('GET', `/customers/${deep}`), 50),
      'ListCustomers, 25 of a quarter of the tree, with totalCount': await timed(
        () => call('GET', `/customers?parentCustomerIds=${big}&countPerPage=25`),
        5,
      ),
      'schedule-state, 10 deep': await timed(() => call('GET', `/customers/${deep}/schedule-state`), 50),
      'subtree moved (nodes)': `${size}`,
      'move of that subtree (there and back)': await timed(async () => {
        await call('PATCH', `/customers/${moveFrom}`, { parentCustomerId: moveTo });
        await call('PATCH', `/customers/${moveFrom}`, {
          parentCustomerId: idOf(Math.floor((levels(n)[n >= 100000 ? 3 : 1][0] - 2) / FANOUT) + 1),
        });
      }, 3),
    };
    console.log(`\n${n} customers`);
    for (const [k, v] of Object.entries(out)) console.log(`  ${k.padEnd(66)} ${typeof v === 'number' ? `${v.toFixed(1)} ms (median)` : v}`);
    await explain(
      admin,
      'breadcrumb',
      'SELECT cc.descendant_id, c.id, c.name FROM customer_closure cc JOIN customers c ON c.id = cc.ancestor_id WHERE cc.descendant_id IN (?) ORDER BY cc.descendant_id, cc.depth DESC',
      [deep],
    );
    await explain(
      admin,
      'billing in force',
      `SELECT cc.descendant_id FROM customer_closure cc STRAIGHT_JOIN customers a ON a.id = cc.ancestor_id AND a.override_billing_settings = 1 STRAIGHT_JOIN billing_items s ON s.customer_id = a.id WHERE cc.descendant_id IN (?)`,
      [deep],
    );
    await explain(
      admin,
      'list page',
      `SELECT c.* FROM customer_closure f JOIN customers c ON c.id = f.descendant_id WHERE f.ancestor_id = ? AND f.depth > 0 ORDER BY f.descendant_name ASC, f.descendant_id ASC LIMIT 26 OFFSET 0`,
      [big],
    );
    await explain(admin, 'list totalCount (kept subtree size)', `SELECT SUM(size) AS n FROM customer_subtree_sizes WHERE customer_id = ?`, [
      big,
    ]);
    return out;
  } finally {
    app.kill('SIGTERM');
    // BENCH_TREE_KEEP=1 leaves the tree behind, to look at its plans by hand.
    if (!process.env.BENCH_TREE_KEEP) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
}

/** The 10k and 1M trees (or `sizes`), then each figure of the larger as a ratio of the smaller's. */
async function treeBench(sizes = [10_000, 1_000_000]) {
  console.log(`\nas the data grows (MariaDB, trees of ${sizes.join(' and ')} customers)`);
  try {
    await (await connectServer(benchServer(), { connectTimeout: 3000 })).end();
  } catch (err) {
    console.log(`  skipped: no MySQL/MariaDB (${err.message})`);
    return;
  }
  const results = [];
  for (const n of sizes) results.push(await measure(n));
  if (results.length === 2) {
    console.log(`\n${sizes[1]} vs ${sizes[0]}`);
    for (const k of Object.keys(results[0]))
      if (typeof results[0][k] === 'number') console.log(`  ${k.padEnd(66)} ${(results[1][k] / results[0][k]).toFixed(2)}x`);
  }
}

module.exports = { treeBench };

if (require.main === module) {
  treeBench(process.argv[2] ? process.argv[2].split(',').map(Number) : undefined).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
