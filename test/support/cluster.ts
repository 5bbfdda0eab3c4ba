import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection, createConnection } from 'mysql2/promise';
import { ApiClient, ApiResponse } from './api-client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_JWT_SECRET } from './test-app';

const SCRIPT = join(__dirname, '../../scripts/cluster.sh');
/** Away from a cluster a developer may run with the script's default ports (4300+). */
const PORT_BASE = Number(process.env.TEST_CLUSTER_PORT_BASE || 4400);

/** Why a Galera cluster cannot start on this machine (scripts/cluster.sh check says), or undefined when it can. */
function missing(): string | undefined {
  const check = spawnSync('bash', [SCRIPT, 'check'], { encoding: 'utf8' });
  return check.status === 0 ? undefined : check.stderr.replace(/^\[cluster\] /, '').trim() || 'scripts/cluster.sh check failed';
}

/**
 * `describe` where a three-node Galera cluster, HAProxy and Redis can run; otherwise a loud banner
 * and `describe.skip`, or, with REQUIRE_CLUSTER=1 (CI), a failure.
 */
export function describeWithCluster(): jest.Describe {
  const why = missing();
  if (!why) return describe;
  if (process.env.REQUIRE_CLUSTER === '1') throw new Error(`The Galera cluster is required (REQUIRE_CLUSTER=1) but cannot start: ${why}`);
  console.warn(`\n  ########  SKIPPED: the several-instances suite on Galera (${why}); nothing of it was tested.  ########\n`);
  return describe.skip;
}

/** The cluster scripts/cluster.sh started: its load balancer, each instance, each node. */
export class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'voice-cluster-'));
  readonly lb = new ApiClient(`http://127.0.0.1:${PORT_BASE}`);
  readonly instances = [1, 2, 3].map((n) => new ApiClient(`http://127.0.0.1:${PORT_BASE + n}`));
  readonly nodePorts = [1, 2, 3].map((n) => PORT_BASE + 10 + n);

  async run(...args: string[]): Promise<string> {
    const env = {
      ...process.env,
      CLUSTER_DIR: this.dir,
      CLUSTER_PORT_BASE: String(PORT_BASE),
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    };
    try {
      const { stdout } = await promisify(execFile)('bash', [SCRIPT, ...args], { env, maxBuffer: 16 << 20 });
      return stdout.trim();
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`cluster.sh ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}`, { cause: err });
    }
  }

  /** A direct connection to node `n` (1-3), for checking what the cluster stored. */
  node(n: number): Promise<Connection> {
    return createConnection({ host: '127.0.0.1', port: this.nodePorts[n - 1], user: 'root', database: 'voice' });
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request that may meet a dead instance: a network failure is an outcome like a status. */
export const outcome = (res: Promise<ApiResponse>): Promise<string> =>
  res.then(
    (r) => String(r.status),
    (err: { cause?: { code?: string } }) => err.cause?.code ?? 'network',
  );

/** A create worth retrying by its key: cut off (a network error, 502, 503), or its key still held by a request that died (409). */
const retryable = (status: string): boolean => ['502', '503', '409'].includes(status) || !/^\d+$/.test(status);

/**
 * `total` creates named `${prefix} ${i}` through the load balancer, six at a time, each with its own
 * Idempotency-Key and retried with it until it is acknowledged; `during` runs once `after` of them
 * were sent (a node or an instance killed under load). Answers each create's first outcome.
 */
export async function createsUnderFault(
  api: ApiClient,
  token: string,
  body: (i: number) => Record<string, unknown>,
  total: number,
  after: number,
  during: () => Promise<unknown>,
): Promise<string[]> {
  const firstTries: string[] = [];
  let next = 0;
  let sent = 0;
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const headers = { 'idempotency-key': randomUUID() };
      const deadline = Date.now() + 90_000;
      for (let attempt = 0; ; attempt++) {
        sent++;
        const status = await outcome(api.post('/customers', body(i), { token, headers }));
        if (attempt === 0) firstTries.push(status);
        if (status === '200') break;
        if (!retryable(status) || Date.now() > deadline) throw new Error(`create ${i}: ${status}`);
        await sleep(250);
      }
    }
  };
  const load = Promise.all(Array.from({ length: 6 }, worker));
  while (sent < after) await sleep(20);
  await during();
  await load;
  return firstTries;
}
