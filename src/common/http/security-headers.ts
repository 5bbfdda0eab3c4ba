import type { FastifyInstance } from 'fastify';

/**
 * Headers every API response carries: no MIME sniffing, no framing, no referrer, and no caching
 * of customer data by browsers or proxies. The API documents may be cached.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'no-referrer');
    if (!request.url.startsWith('/swagger-ui') && !request.url.startsWith('/openapi.json')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
