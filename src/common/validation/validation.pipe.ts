import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ApiError } from '../errors/api-error';
import { checkBodyLimits } from '../http/body-limits';
import { isFormBody } from '../http/form-body';
import { nullMeaningfulKeys, withoutNulls } from './optional.decorators';
import { parseQueryArray, parseQueryBoolean } from './query-transforms';
import { flattenValidationErrors } from './validation-errors';

/**
 * DTO validation as ServiceStack reads requests: unknown properties (a response's own fields sent
 * back, a newer client's) are ignored and never assigned, null means "not sent". Form bodies carry
 * only strings, so their values are first read as the DTO's declared types, as ServiceStack does.
 */
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];

class ApiValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Bodies were checked by the body parsers, path parameters by @PathParam; queries are checked here.
    if (metadata.type === 'query') checkBodyLimits(value);
    if (value && typeof value === 'object') {
      const reserved = RESERVED_KEYS.find((key) => Object.hasOwn(value as object, key));
      if (reserved) throw ApiError.field(reserved, 'NotAllowed', `'${reserved}' is not an allowed property name.`);
    }
    if (metadata.type === 'body' && isFormBody(value) && metadata.metatype) {
      value = coerceFormFields(value as Record<string, unknown>, metadata.metatype);
    }
    // ServiceStack's reading rules: null is "not sent" (unless the DTO says otherwise), and
    // properties the operation does not take are dropped by the whitelist below, never an error.
    if ((metadata.type === 'body' || metadata.type === 'query') && value && typeof value === 'object') {
      value = withoutNulls(value, nullMeaningfulKeys(metadata.metatype));
    }
    return super.transform(value, metadata);
  }
}

function coerceFormFields(body: Record<string, unknown>, metatype: abstract new (...args: never[]) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const type = Reflect.getMetadata('design:type', metatype.prototype as object, key) as unknown;
    if (type === Boolean) out[key] = parseQueryBoolean(value);
    else if (type === Number && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) out[key] = Number(value);
    else if (type === Array) out[key] = parseQueryArray(value);
    else out[key] = value;
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: false,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiError.validation(flattenValidationErrors(errors)),
  });
}
