import type { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';
import { toErrorResponse } from './error-response';

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
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
  const { body } = toErrorResponse({ statusCode: status, code: error.code, message: '' });
  const text = JSON.stringify(body);
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status] ?? 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
