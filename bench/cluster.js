#!/usr/bin/env node
// The several-instances cluster (scripts/cluster.sh: three Galera nodes, three instances, HAProxy)
// beside one instance on the machine's MariaDB, in one run, the same operations alternating
// between the two: the cluster's throughput and p99 as ratios of the single instance's. On one
// machine both share its cores, so the ratio shows what replication and the extra hops cost, not
// what more machines would add. Run by `npm run bench` last, or alone: `npm run bench:cluster`.
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { benchServer, call, connectServer, freePort, healthy, load, login, seedWorld } = require('./support');

const SECRET = 'bench-secret-that-is-at-least-32-bytes-long!';
const ADMIN = { ADMIN_EMAIL: 'bench@voice.test', ADMIN_PASSWORD: 'bench-password' };
const CONCURRENCY = 32;
const SCRIPT = join(__dirname, '../scripts/cluster.sh');

/** Why the cluster cannot start on this machine (scripts/cluster.sh check says), or undefined. */
function missing() {
  const check = spawnSync('bash', [SCRIPT, 'check'], { encoding: 'utf8' });
  return check.status === 0 ? undefined : check.stderr.replace(/^\[cluster\] /, '').trim();
}

/** The same small world on each side (no schedule: every customer inherits the account's empty one). */
async function seed(base) {
  const token = await login(base, ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD);
  return { base, token, ...(await seedWorld(base, token)) };
}

async function startSingle() {
  const server = benchServer();
  const name = `voice_bench_single_${process.pid}`;
  const admin = await connectServer(server);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '../dist/src/main.js')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url.toString(),
      REDIS_URL: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `voice-bench-${process.pid}`,
      JWT_SECRET: SECRET,
      LOGIN_ATTEMPTS_PER_MINUTE: '100000',
      ...ADMIN,
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  await healthy(base);
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await admin.query(`DROP DATABASE \`${name}\``);
      await admin.end();
    },
  };
}

function startCluster() {
  const env = {
    ...process.env,
    CLUSTER_DIR: mkdtempSync(join(tmpdir(), 'voice-bench-cluster-')),
    CLUSTER_PORT_BASE: process.env.BENCH_CLUSTER_PORT_BASE || '4500',
    JWT_SECRET: SECRET,
    ...ADMIN,
  };
  const base = execFileSync('bash', [SCRIPT, 'start'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .trim()
    .split('\n')
    .pop();
  return {
    base,
    dir: env.CLUSTER_DIR,
    stop: async () => {
      execFileSync('bash', [SCRIPT, 'stop'], { env, stdio: 'ignore' });
      rmSync(env.CLUSTER_DIR, { recursive: true, force: true });
    },
  };
}

const OPERATIONS = [
  ['NewCustomer', (w) => (i) => call(w.base, 'POST', '/customers', w.token, { parentCustomerId: w.root.id, name: `Bench ${i}` })],
  ['GetCustomer (depth 6)', (w) => () => call(w.base, 'GET', `/customers/${w.deep.id}`, w.token)],
  ['ListCustomers (25 of 205)', (w) => () => call(w.base, 'GET', `/customers?parentCustomerIds=${w.root.id}&countPerPage=25`, w.token)],
  ['GetScheduleState', (w) => () => call(w.base, 'GET', `/customers/${w.deep.id}/schedule-state`, w.token)],
];

async function clusterBench() {
  const why = missing();
  if (why) {
    console.log(`\ncluster vs one instance: skipped (${why})`);
    return;
  }
  let single;
  let cluster;
  try {
    single = await startSingle();
    cluster = startCluster();
    const worlds = [await seed(single.base), await seed(cluster.base)];
    console.log(`\ncluster (3 Galera nodes, 3 instances, HAProxy) vs one instance on one MariaDB, ${CONCURRENCY} connections`);
    console.log('operation                       one: req/s  p99 ms   cluster: req/s  p99 ms   ratio: req/s  p99');
    for (const [name, op] of OPERATIONS) {
      // Alternating, twice each: drift weighs on both alike.
      const runs = [[], []];
      const errors = [[], []];
      for (const round of [0, 1, 1, 0]) {
        const make = op(worlds[round]);
        const counted = (i) => make(i).catch((err) => errors[round].push(err.message.slice(0, 160)));
        runs[round].push(await load(null, counted, 1000, CONCURRENCY));
      }
      const mean = (rs, key) => rs.reduce((sum, r) => sum + r[key], 0) / rs.length;
      const [one, many] = runs.map((rs) => ({ rps: mean(rs, 'rps'), p99: mean(rs, 'p99') }));
      console.log(
        `${name.padEnd(30)} ${one.rps.toFixed(0).padStart(8)} ${one.p99.toFixed(1).padStart(7)} ${many.rps.toFixed(0).padStart(14)} ${many.p99.toFixed(1).padStart(7)} ${(many.rps / one.rps).toFixed(2).padStart(12)}x ${(many.p99 / one.p99).toFixed(2).padStart(5)}x`,
      );
      // Every request is meant to succeed: any failure is printed, with its answer.
      errors.forEach(
        (list, i) => list.length && console.log(`  ${list.length} errors on ${i ? 'the cluster' : 'one instance'}, first: ${list[0]}`),
      );
    }
  } finally {
    if (cluster && process.env.BENCH_KEEP_CLUSTER) console.log(`cluster left running (BENCH_KEEP_CLUSTER), logs in ${cluster.dir}`);
    else await cluster?.stop();
    await single?.stop();
  }
}

module.exports = { clusterBench };

if (require.main === module) {
  clusterBench().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
