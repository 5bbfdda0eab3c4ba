import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';

/** A client's X-Request-Id is kept when it is a plain token; anything else gets a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Probes every second or so from a load balancer: logged only with LOG_LEVEL=debug. */
const PROBES = new Set(['/health', '/metrics']);

/**
 * One line per request, when its response has gone: method, route (the pattern, never the query
 * string), status, duration, user and request id. Never a body, a header or a token.
 */
export function registerRequestLog(fastify: FastifyInstance, log: Pino): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url ?? req.url.split('?')[0];
    const line = {
      requestId: req.id,
      method: req.method,
      route,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: userIdOf(req),
    };
    if (PROBES.has(route)) log.debug(line, 'request');
    else log.info(line, 'request');
    done();
  });
}

function userIdOf(req: FastifyRequest): string | undefined {
  return (req as FastifyRequest & { user?: { userId?: string } }).user?.userId;
}
