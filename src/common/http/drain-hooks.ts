import type { FastifyInstance } from 'fastify';
import { LifecycleService } from '../../health/lifecycle.service';

const SHUTTING_DOWN = {
  responseStatus: { errorCode: 'ShuttingDown', message: 'This instance is shutting down. Try again.', errors: [] },
};

/** Counts requests in flight; while draining, answers new ones 503 and closes their connection. */
export function registerDrainHooks(fastify: FastifyInstance, lifecycle: LifecycleService): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (lifecycle.draining && request.url !== '/health') {
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
