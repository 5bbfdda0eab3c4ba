import { HttpException } from '@nestjs/common';
import { FieldError } from './field-error';

/**
 * The one exception type services throw. It carries ServiceStack's error code so that the
 * global filter never has to guess one from a message.
 */
export class ApiError extends HttpException {
  constructor(
    status: number,
    override readonly errorCode: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message, status);
  }

  /** Response headers that go with the error (Retry-After on a 429 or 503). */
  headers: Record<string, string> = {};

  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }

  static validation(errors: FieldError[]): ApiError {
    const first = errors[0];
    return new ApiError(400, first.errorCode, first.message, errors);
  }

  /** A single failing field, reported exactly like a DTO validation failure. */
  static field(fieldName: string, errorCode: string, message: string): ApiError {
    return ApiError.validation([{ fieldName, errorCode, message }]);
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, 'NotFound', `${what} not found.`);
  }

  static conflict(message: string, fieldName?: string): ApiError {
    const errors = fieldName ? [{ errorCode: 'Conflict', fieldName, message }] : [];
    return new ApiError(409, 'Conflict', message, errors);
  }

  static forbidden(message = 'You are not allowed to do this.'): ApiError {
    return new ApiError(403, 'Forbidden', message);
  }

  static unauthorized(message = 'Not authenticated.'): ApiError {
    return new ApiError(401, 'Unauthorized', message);
  }
}
