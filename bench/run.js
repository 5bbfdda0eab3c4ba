#!/usr/bin/env node
// Benchmarks (npm run bench). Ratios are measured side by side in one run; absolute numbers on
// a shared 2-core machine are noise. Prints:
//  1. jsonwebtoken verify with a string secret vs a KeyObject (why auth.config makes a KeyObject);
//  2. for the hot endpoints of the built app on SQLite: requests/s, latency, and SQL round trips;
//  3. against the yardstick (bench/yardstick.js): the ratios to ../shared/bench's reference on MariaDB;
//  4. as the data grows (bench/hierarchy.js): the hot operations on trees of 10k and 1M customers;
//  5. several instances (bench/cluster.js): the Galera cluster against one instance.
const { createSecretKey } = require('node:crypto');
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const jwt = require('jsonwebtoken');
const { call, freePort, healthy, load, login, seedWorld } = require('./support');

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
  const token = jwt.sign({ sid: 's' }, secret, {
    algorithm: 'HS256',
    audience: 'voice-api',
    issuer: 'voice-api',
    subject: 'u',
    expiresIn: 600,
  });
  const asString = timeOps(() => jwt.verify(token, secret, opts));
  const asKey = timeOps(() => jwt.verify(token, key, opts));
  console.log(
    `jwt verify: string secret ${asString.toFixed(0)}/s, KeyObject ${asKey.toFixed(0)}/s, ratio ${(asKey / asString).toFixed(2)}x`,
  );
}

async function httpBench(dist = join(__dirname, '../dist'), label = 'this build') {
  const results = {};
  const dir = mkdtempSync(join(tmpdir(), 'voice-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [join(dist, 'src/main.js')], {
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
    await healthy(base);
    const token = await login(base, 'bench@voice.test', 'bench-password');
    const { root, deep: parent } = await seedWorld(base, token);
    const schedule = {
      timeZoneId: 'America/New_York',
      defaultState: 'Closed',
      rules: [
        {
          simpleRuleType: 'Time',
          state: 'Open',
          startDate: '2026-01-05',
          startTime: '09:00',
          endTime: '17:00',
          frequency: 'Weekly',
          byDay: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((dayOfWeek) => ({ offset: 0, dayOfWeek })),
        },
      ],
    };
    await call(base, 'PATCH', `/customers/${root.id}`, token, { schedule });

    const endpoints = [
      ['GetCustomer (depth 6)', () => call(base, 'GET', `/customers/${parent.id}`, token)],
      ['ListCustomers (25 per page)', () => call(base, 'GET', `/customers?parentCustomerIds=${root.id}&countPerPage=25`, token)],
      ['ListCustomers (200 per page)', () => call(base, 'GET', `/customers?parentCustomerIds=${root.id}&countPerPage=200`, token)],
      ['NewCustomer', (i) => call(base, 'POST', '/customers', token, { parentCustomerId: root.id, name: `Bench ${i}` })],
      ['GetScheduleState', () => call(base, 'GET', `/customers/${parent.id}/schedule-state?at=2026-11-23T15:00:00Z`, token)],
      ['GetAuthStatus', () => call(base, 'GET', '/auth/status', token)],
      [
        'TestSchedule (business hours)',
        () =>
          call(base, 'POST', `/customers/${root.id}/test-schedule`, token, {
            schedule: businessHours('1900-01-01'),
            dateTime: '2026-11-23T15:00:00Z',
          }),
      ],
      [
        'TestSchedule (worst accepted)',
        () =>
          call(base, 'POST', `/customers/${root.id}/test-schedule`, token, {
            schedule: worstSchedule('1900-01-01'),
            dateTime: '2026-11-23T15:00:00Z',
          }),
      ],
    ];
    console.log(`\n${label}: endpoint                        req/s    p50 ms   p99 ms   SQL queries`);
    for (const [name, make] of endpoints) {
      // An older build may have no bound on schedule cost: it would not finish.
      if (label !== 'this build' && name.includes('worst')) continue;
      const before = (log.match(/query: /g) ?? []).length;
      await make(-1);
      await new Promise((r) => setTimeout(r, 50));
      const queries = (log.match(/query: /g) ?? []).length - before;
      let r;
      try {
        r = await load(base, make, name.startsWith('ListCustomers (200') ? 300 : 1000);
      } catch (err) {
        console.log(`${name.padEnd(30)} not available: ${err.message.slice(0, 80)}`);
        continue;
      }
      results[name] = r;
      console.log(
        `${name.padEnd(30)} ${r.rps.toFixed(0).padStart(6)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${String(queries).padStart(8)}`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/**
 * BENCH_BASELINE_DIST=<another build's dist/> runs the same endpoints against that build too, one
 * after the other in this run, and prints this build's throughput as a ratio of the baseline's.
 */
async function compareWithBaseline() {
  const baselineDist = process.env.BENCH_BASELINE_DIST;
  if (!baselineDist) return httpBench();
  // ABBA order, so warm-up and drift weigh on both builds alike.
  const ours = [await httpBench()];
  const theirs = [await httpBench(baselineDist, 'baseline'), await httpBench(baselineDist, 'baseline')];
  ours.push(await httpBench());
  const mean = (runs, name, key) => runs.reduce((sum, r) => sum + (r[name]?.[key] ?? NaN), 0) / runs.length;
  console.log('\nthis build vs baseline (ABBA means)   req/s ratio   p99 ratio');
  for (const name of Object.keys(ours[0])) {
    if (!theirs[0][name]) continue;
    const rps = mean(ours, name, 'rps') / mean(theirs, name, 'rps');
    const p99 = mean(ours, name, 'p99') / mean(theirs, name, 'p99');
    console.log(`${name.padEnd(36)} ${rps.toFixed(2).padStart(8)}x ${p99.toFixed(2).padStart(9)}x`);
  }
}

/** Business hours, as most customers have them. */
const businessHours = (startDate) => ({
  timeZoneId: 'America/New_York',
  defaultState: 'Closed',
  rules: [
    { simpleRuleType: 'Time', state: 'Holiday', priority: -1, startDate: '2026-12-25', isAllDay: true, frequency: 'Yearly' },
    {
      simpleRuleType: 'Time',
      state: 'Open',
      startDate,
      startTime: '09:00',
      endTime: '17:00',
      frequency: 'Weekly',
      byDay: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((dayOfWeek) => ({ offset: 0, dayOfWeek })),
    },
  ],
});

/** The costliest schedule the limits accept (the same as the hostile-input e2e suite's). */
const worstSchedule = (startDate) => ({
  timeZoneId: 'America/New_York',
  defaultState: 'Closed',
  rules: [
    { simpleRuleType: 'Time', state: 'Open', startDate, startTime: '00:00', endTime: '00:20', frequency: 'Minutely', interval: 16 },
    ...Array.from({ length: 4 }, (_, i) => ({
      simpleRuleType: 'Time',
      state: `Rare${i}`,
      priority: -1,
      startDate,
      startTime: '09:00',
      endTime: '10:00',
      frequency: 'Monthly',
      byMonth: [2],
      byMonthDay: [29],
      byDay: [{ dayOfWeek: 'Monday' }],
      bySetPosition: [1],
    })),
    {
      simpleRuleType: 'Time',
      state: 'Eve',
      startDate,
      startTime: '18:00',
      endTime: '06:00',
      frequency: 'Daily',
      count: 5,
      byMonth: [12],
      byMonthDay: [31],
    },
    { simpleRuleType: 'Time', state: 'Leap', startDate: '1904-02-29', isAllDay: true, frequency: 'Yearly', byYearDay: [60] },
  ],
});

/** Schedule evaluation in process: stateAt plus nextChange (31-day horizon), as schedule-state does. */
function scheduleBench() {
  const { toValidSchedule } = require('../dist/src/schedules/schedule-validation');
  const { ScheduleEvaluator } = require('../dist/src/schedules/schedule-evaluator');
  const at = Date.parse('2026-11-23T15:00:00Z');
  const rate = (dto) => {
    const schedule = toValidSchedule(dto, 'schedule');
    return timeOps(() => {
      const e = new ScheduleEvaluator({ schedule });
      e.stateAt(at);
      e.nextChange(at);
    }, 1000);
  };
  const rows = [
    ['business hours from 2026', rate(businessHours('2026-01-05'))],
    ['business hours from 1900', rate(businessHours('1900-01-01'))],
    ['worst accepted from 2026', rate(worstSchedule('2026-01-01'))],
    ['worst accepted from 1900', rate(worstSchedule('1900-01-01'))],
  ];
  console.log('\nschedule evaluation (stateAt + nextChange)   evals/s   cost vs business hours from 2026');
  for (const [name, r] of rows) console.log(`${name.padEnd(44)} ${r.toFixed(0).padStart(8)} ${(rows[0][1] / r).toFixed(2).padStart(8)}x`);
}

jwtBench();
scheduleBench();
compareWithBaseline()
  .then(() => require('./yardstick').yardstick())
  .then(() => require('./hierarchy').treeBench())
  .then(() => require('./cluster').clusterBench())
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
