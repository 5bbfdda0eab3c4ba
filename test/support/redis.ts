import { spawnSync } from 'node:child_process';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers a PING, asked synchronously (a child process) so a suite can be skipped
 * at definition time: a skipped suite shows as skipped, not as passed tests that did nothing.
 */
function redisAnswers(): boolean {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const probe = `const s=require('net').connect(${Number(port || 6379)},${JSON.stringify(hostname)},()=>s.write('PING\\r\\n'));
    s.on('data',d=>process.exit(String(d).startsWith('+PONG')?0:1));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),1000);`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

/**
 * `describe` when a Redis answers at TEST_REDIS_URL; otherwise a loud banner and `describe.skip`,
 * or, with REQUIRE_REDIS=1 (CI), a failure.
 */
export function describeWithRedis(untested: string): jest.Describe {
  if (redisAnswers()) return describe;
  if (process.env.REQUIRE_REDIS === '1') throw new Error(`Redis is required (REQUIRE_REDIS=1) but none answers at ${TEST_REDIS_URL}`);
  console.warn(`\n  ########  SKIPPED: no Redis answers at ${TEST_REDIS_URL}; ${untested} was not tested.  ########\n`);
  return describe.skip;
}
