import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { OperationRegistry } from '../compat/operations';
import { DatabaseBoundsService } from '../database/database-bounds.service';

/**
 * The API's Prometheus metrics: requests by ServiceStack operation and status, their latency,
 * the database pool and query latency, logins refused and throttled, and Node's own (event-loop
 * lag, memory, GC). Labels are operation names and route patterns, never raw URLs, so their
 * number stays bounded whatever clients send.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'voice_http_requests_total',
    help: 'Requests answered, by operation, method and status',
    labelNames: ['operation', 'method', 'status'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'voice_http_request_duration_seconds',
    help: 'Time from request to response, by operation and status',
    labelNames: ['operation', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly queries = new Histogram({
    name: 'voice_db_query_duration_seconds',
    help: 'MySQL/MariaDB query latency (round trip)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });
  private readonly logins = new Counter({
    name: 'voice_login_refusals_total',
    help: 'Logins refused: reason="failed" (wrong user or password) or "throttled" (too many attempts)',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  constructor(
    private readonly operations: OperationRegistry,
    database: DatabaseBoundsService,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'voice_' });
    database.onQuery((seconds) => this.queries.observe(seconds));
    // Registered with the registry; read on each scrape.
    new Gauge({
      name: 'voice_db_pool_connections',
      help: 'MySQL/MariaDB pool connections by state (in_use, idle) and requests waiting for one (waiting)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const stats = database.poolStats();
        if (!stats) return;
        this.set({ state: 'in_use' }, stats.inUse);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
  }

  /** Counts every response once it has gone, by the operation its route belongs to. */
  instrument(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (req, reply, done) => {
      const route = req.routeOptions?.url;
      const operation = (route && this.operations.operationAt(req.method, route)) ?? route ?? 'unmatched';
      const status = String(reply.statusCode);
      this.requests.inc({ operation, method: req.method, status });
      this.latency.observe({ operation, status }, reply.elapsedTime / 1000);
      if (operation === 'Authenticate' && status === '401') this.logins.inc({ reason: 'failed' });
      if (operation === 'Authenticate' && status === '429') this.logins.inc({ reason: 'throttled' });
      done();
    });
  }
}
