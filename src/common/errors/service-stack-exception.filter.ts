import { ArgumentsHost, Catch, ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { OperationRegistry } from '../../compat/operations';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toCsv } from '../http/csv';
import { negotiated } from '../http/response-format';
import { ApiError } from './api-error';
import { toErrorResponse } from './error-response';

/**
 * The one place errors are written: ServiceStack's `responseStatus` shape, as JSON, or as CSV
 * for a client that accepts nothing but CSV.
 */
@Catch()
export class ServiceStackExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly operations?: OperationRegistry) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest | undefined>();
    const error = wrongVerb(exception, req, this.operations) ?? exception;
    const { status, body } = toErrorResponse(error);
    if (error instanceof ApiError) for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
    // A 503 is a fault that passes: say when to come back.
    if (status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '2');
    // A refusal the app chose (shutting down, the database away) is one line; anything else a stack.
    if (status >= 500 && error instanceof ApiError) {
      if (error.errorCode !== 'ShuttingDown') this.logger.warn(`${status} ${error.errorCode}: ${error.message}`);
    } else if (status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (req?.raw && negotiated(req.raw).csvOnly) {
      void reply.status(status).header('content-type', 'text/csv; charset=utf-8').send(toCsv(body.responseStatus));
      return;
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

/** The router found no route: a path some operation has, called with a verb it does not take, is a 405. */
function wrongVerb(exception: unknown, req: FastifyRequest | undefined, operations?: OperationRegistry): ApiError | undefined {
  if (!(exception instanceof NotFoundException) || exception instanceof ApiError || !req || !operations) return undefined;
  const allowed = operations.allowedMethods(req.url);
  if (!allowed.length) return undefined;
  return new ApiError(405, 'MethodNotAllowed', `${req.method} is not allowed here; use ${allowed.join(' or ')}.`).withHeaders({
    allow: allowed.join(', '),
  });
}
