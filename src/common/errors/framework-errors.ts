import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';
import { ErrorResponse, toErrorResponse } from './error-response';

/**
 * Errors Fastify raises while routing (bad percent-encoding, an over-long path parameter) never
 * reach Nest's filters; this answers them in the same ServiceStack shape.
 */
export function answerFrameworkError(error: Error, _req: unknown, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(error);
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADER_TIMEOUT: 408,
};

/**
 * Node refuses a request before Fastify sees it (a malformed request line, headers too large or
 * too slow): the response is written to the socket directly, still in the ServiceStack shape.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    rawErrorResponse(toErrorResponse({ statusCode: CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400, code: error.code, message: '' })),
  );
}

/**
 * A whole HTTP response, as text, for a socket the application never sees a request on (Node's
 * refusals, connections over the per-client cap); the connection closes after it.
 */
export function rawErrorResponse({ status, body }: ErrorResponse, headers: Record<string, string> = {}): string {
  const text = JSON.stringify(body);
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\n${extra.join('')}` +
    `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
  );
}
