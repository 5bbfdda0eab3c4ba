import { HttpException, HttpStatus } from '@nestjs/common';
import { driverErrorCode, isUniqueViolation, UNREACHABLE_CODES } from '../../database/sql';
import { ApiError } from './api-error';
import { ErrorBody } from './field-error';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  408: 'RequestTimeout',
  409: 'Conflict',
  413: 'RequestEntityTooLarge',
  414: 'UriTooLong',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  431: 'RequestHeaderFieldsTooLarge',
  503: 'ServiceUnavailable',
};

const UNAVAILABLE_CODES = new Set([
  ...UNREACHABLE_CODES,
  'SQLITE_BUSY',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_QUERY_TIMEOUT',
  'ER_STATEMENT_TIMEOUT',
]);

function shape(status: number, errorCode: string, message: string, errors: ErrorBody['responseStatus']['errors'] = []): ErrorResponse {
  return { status, body: { responseStatus: { errorCode, message, errors } } };
}

/**
 * Maps anything thrown anywhere (services, guards, Fastify's body parsing, the database driver)
 * to ServiceStack's error shape. The only place in the app that formats an error.
 */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof ApiError) {
    return shape(err.getStatus(), err.errorCode, err.message, err.errors);
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const message = status === 415 ? fastifyMessage('FST_ERR_CTP_INVALID_MEDIA_TYPE', err.message) : short(err.message);
    return shape(status, DEFAULT_CODES[status] ?? HttpStatus[status] ?? 'Error', message);
  }
  const code = driverErrorCode(err);
  if (isUniqueViolation(err)) {
    return shape(409, 'Conflict', 'A record with the same unique value already exists.');
  }
  if (code && UNAVAILABLE_CODES.has(code)) {
    return shape(503, 'ServiceUnavailable', 'The database is unavailable. Try again shortly.');
  }
  const fastifyErr = err as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyErr?.statusCode === 'number' && fastifyErr.statusCode >= 400 && fastifyErr.statusCode < 500) {
    const status = fastifyErr.statusCode;
    const errorCode =
      status === 400 && !fastifyErr.code?.startsWith('HPE_') && fastifyErr.code !== 'FST_ERR_BAD_URL'
        ? 'SerializationException'
        : (DEFAULT_CODES[status] ?? 'BadRequest');
    return shape(status, errorCode, fastifyMessage(fastifyErr.code, fastifyErr.message));
  }
  return shape(500, 'InternalServerError', 'An unexpected error occurred.');
}

/** Messages that may quote the request (Nest's "Cannot GET /…") never echo more than a line of it. */
const short = (message: string): string => (message.length > 200 ? `${message.slice(0, 200)}…` : message);

function fastifyMessage(code: string | undefined, message: string | undefined): string {
  switch (code) {
    case 'FST_ERR_BAD_URL':
      return 'The request path is not a valid URL (bad percent-encoding).';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return 'A path parameter is longer than 100 characters.';
    case 'HPE_HEADER_OVERFLOW':
      return 'The request line and headers are too large (the query string counts).';
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADER_TIMEOUT':
      return 'The request did not arrive in time.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type: send application/json or application/x-www-form-urlencoded.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty but the content type says JSON.';
    default:
      if (code?.startsWith('HPE_')) return 'The request is not valid HTTP.';
      return message && message.length < 300 ? `Could not read the request: ${message}` : 'Could not read the request.';
  }
}
