import { registerAs } from '@nestjs/config';
import { isIP } from 'node:net';
import { boolEnv, ConfigError, env, intEnv, oneOfEnv } from './env';

/** proxy-addr's names for the loopback and private ranges, where a reverse proxy usually sits. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** What Fastify's trustProxy takes: nothing, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

/**
 * TRUST_PROXY names what is trusted, so a client cannot pick its own address with a made-up
 * X-Forwarded-For: `false`, a hop count, proxy addresses and CIDR ranges, or `true` for any proxy on a
 * loopback or private address.
 */
function trustProxy(): TrustProxy {
  const raw = env('TRUST_PROXY');
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return [...NAMED_RANGES];
  if (/^\d+$/.test(raw)) return intEnv('TRUST_PROXY', 0, 0, 10);
  const addresses = raw.split(',').map((a) => a.trim());
  const bad = addresses.find((a) => {
    if (NAMED_RANGES.includes(a)) return false;
    const [ip, bits, extra] = a.split('/');
    return extra !== undefined || !isIP(ip) || (bits !== undefined && !/^\d{1,3}$/.test(bits));
  });
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be false, a hop count, or proxy addresses/CIDR ranges separated by commas; "${bad}" is none of these`,
    );
  }
  return addresses;
}

export interface AppConfig {
  port: number;
  /** Address to listen on. */
  host: string;
  /** `debug` adds Nest's start-up and debug lines to the log. */
  logLevel: 'log' | 'debug';
  /** Cap on `all=true` list requests. */
  listHardLimit: number;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** A request's headers must arrive within this many ms (408 after). */
  headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this many ms (408 after). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection closes after this many ms. */
  keepAliveTimeoutMs: number;
  /** Open connections one client address may hold; 0 for no cap. */
  maxConnectionsPerClient: number;
  trustProxy: TrustProxy;
  /** After SIGTERM, how long requests are still served while health says 503 (a load balancer's time to notice). */
  shutdownDrainDelayMs: number;
  /** How long requests in flight may take to finish after SIGTERM. */
  shutdownGraceMs: number;
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlMs: number;
  /** How long a request may hold its Idempotency-Key before a retry may take it over (its instance died). */
  idempotencyLeaseMs: number;
  /** Whether `/metadata`, `/{json,csv}/metadata` and `/types/*` are served (public, as ServiceStack's are). */
  metadataPages: boolean;
  /** The bearer token a Prometheus scraper sends to GET /metrics; unset, /metrics is not served. */
  metricsToken?: string;
}

function metricsToken(): string | undefined {
  const token = env('METRICS_TOKEN');
  if (token !== undefined && token.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters (it guards /metrics)');
  return token;
}

export const appConfig = registerAs('app', (): AppConfig => ({
  port: intEnv('PORT', 3000, 0, 65535),
  host: env('HOST') ?? '0.0.0.0',
  logLevel: oneOfEnv('LOG_LEVEL', ['log', 'debug'] as const, 'log'),
  listHardLimit: intEnv('LIST_HARD_LIMIT', 10000, 1, 1000000),
  bodyLimit: intEnv('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
  headersTimeoutMs: intEnv('HEADERS_TIMEOUT_MS', 15_000, 100, 600_000),
  requestTimeoutMs: intEnv('REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
  keepAliveTimeoutMs: intEnv('KEEP_ALIVE_TIMEOUT_MS', 65_000, 100, 600_000),
  maxConnectionsPerClient: intEnv('MAX_CONNECTIONS_PER_CLIENT', 256, 0, 100_000),
  trustProxy: trustProxy(),
  shutdownDrainDelayMs: intEnv('SHUTDOWN_DRAIN_DELAY_MS', 0, 0, 60_000),
  shutdownGraceMs: intEnv('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  idempotencyTtlMs: intEnv('IDEMPOTENCY_TTL_SECONDS', 86_400, 60, 30 * 86_400) * 1000,
  idempotencyLeaseMs: intEnv('IDEMPOTENCY_LEASE_MS', 60_000, 1000, 3_600_000),
  metadataPages: boolEnv('METADATA_PAGES', true),
  metricsToken: metricsToken(),
}));
