import type { FastifyInstance } from 'fastify';
import { LifecycleService } from '../../health/lifecycle.service';

const SHUTTING_DOWN = {
  responseStatus: { errorCode: 'ShuttingDown', message: 'This instance is shutting down. Try again.', errors: [] },
};

/** Counts requests in flight; while draining closes connections after each answer, and once refusing answers new requests 503. */
export function registerDrainHooks(fastify: FastifyInstance, lifecycle: LifecycleService): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    // A load balancer's health checks keep coming while draining: they are neither refused nor
    // counted, or the instance would never look idle enough to close.
    if (request.url === '/health') return done();
    if (lifecycle.refusing) {
      void reply.code(503).header('connection', 'close').header('retry-after', '1').send(SHUTTING_DOWN);
      return;
    }
    lifecycle.requestStarted();
    let ended = false;
    const end = () => {
      if (!ended) lifecycle.requestEnded();
      ended = true;
    };
    reply.raw.once('finish', end);
    reply.raw.once('close', end);
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (lifecycle.draining) void reply.header('connection', 'close');
    done(null, payload);
  });
}
