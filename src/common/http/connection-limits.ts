import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { AppConfig } from '../../config/app.config';
import { ApiError } from '../errors/api-error';
import { toErrorResponse } from '../errors/error-response';
import { rawErrorResponse } from '../errors/framework-errors';

/**
 * Node's own bounds on slow clients (README, "Limits"): headers and whole requests must arrive
 * in time, idle keep-alive sockets close. Node checks the timers every
 * `connectionsCheckingInterval`, so that runs every second rather than every 30.
 */
export function httpServerOptions(config: AppConfig): ServerOptions {
  return {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1000,
  };
}

const TOO_MANY_CONNECTIONS = rawErrorResponse(
  toErrorResponse(new ApiError(429, 'TooManyRequests', 'Too many open connections from this address.')),
  { 'Retry-After': '1' },
);

/**
 * Answers a client's connections beyond `max` with a 429 and closes them as they open, so one address cannot hold every
 * socket. Behind a reverse proxy every client shares the proxy's address: raise or disable it there.
 */
export function capConnectionsPerClient(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.end(TOO_MANY_CONNECTIONS);
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
