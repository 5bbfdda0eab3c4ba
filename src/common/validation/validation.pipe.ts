import { ValidationPipe } from '@nestjs/common';
import { ApiError } from '../errors/api-error';
import { flattenValidationErrors } from './validation-errors';

/** Strict DTO validation: unknown properties are errors, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiError.validation(flattenValidationErrors(errors)),
  });
}
