import { applyDecorators, createParamDecorator, ExecutionContext, RequestMapping, RequestMethod, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors/api-error';
import { ID_PATTERN } from '../common/validation/dto-decorators';

export const OPERATION = Symbol('serviceStackOperation');

export type HttpVerb = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What a controller method declares once; the predefined routes, CSV and OpenAPI read it. */
export interface OperationMetadata {
  name: string;
  method: HttpVerb;
  /** The custom route, as Fastify matches it (`customers/:customerId`). */
  path: string;
  /** For lists: the CSV header row, written even when there are no items. */
  columns?: readonly string[];
  /** The OpenAPI operationId: the name, or the name with a suffix for a second route. */
  operationId: string;
  /** A request body the API accepts as it stands once real ids are put in: Swagger UI's "Try it out" default. */
  example?: object;
  /** Reads only, so they may be served by a DATABASE_READ_URLS node (ReadRoutingInterceptor). */
  readsFrom?: 'replica';
  /**
   * Declared by operations other than GET that change no existing customer's details (creates,
   * logins, users): without it, the cached customers of every instance are forgotten after it runs.
   */
  leavesCustomersUnchanged?: boolean;
}

/** ServiceStack's predefined routes of an operation. */
export const predefinedPaths = (name: string): string[] => [`api/${name}`, `json/reply/${name}`, `csv/reply/${name}`];

/**
 * Declares a ServiceStack operation on its controller method, once: the custom route, the
 * predefined routes `/api/{Op}`, `/json/reply/{Op}` and `/csv/reply/{Op}` (the same handler, so the
 * same guards, roles, pipes and filter), the OpenAPI operationId, and the CSV columns of a list.
 * Controllers that use it are mounted at the root (`@Controller()`), so paths are whole.
 */
export function Operation(
  method: HttpVerb,
  path: string,
  name: string,
  options: {
    columns?: readonly string[];
    operationId?: string;
    predefined?: boolean;
    example?: object;
    readsFrom?: 'replica';
    leavesCustomersUnchanged?: boolean;
  } = {},
): MethodDecorator {
  const operationId = options.operationId ?? name;
  const { columns, example, readsFrom, leavesCustomersUnchanged } = options;
  const metadata: OperationMetadata = { name, method, path, columns, operationId, example, readsFrom, leavesCustomersUnchanged };
  return applyDecorators(
    SetMetadata(OPERATION, metadata),
    // A second custom route of an operation (POST /auth/credentials) leaves the predefined ones to the first.
    RequestMapping({ path: options.predefined === false ? path : [path, ...predefinedPaths(name)], method: RequestMethod[method] }),
    // A second route of the same operation (GET /auth beside POST /auth) needs its own operationId.
    ApiOperation({ operationId }),
  );
}

/** A path parameter's value: from the path, else (on a predefined route) the query string, else the body. */
export function pathParamOf(req: FastifyRequest, name: string): string | undefined {
  const value = [req.params, req.query, req.body]
    .map((source) => (source && typeof source === 'object' ? (source as Record<string, unknown>)[name] : undefined))
    .find((v) => v !== undefined);
  return typeof value === 'string' ? value : undefined;
}

/**
 * A path parameter of an operation. On a predefined route the path has none, so it is read as
 * ServiceStack reads any request DTO property: from the query string, then the body. An id that
 * is not one the API hands out finds nothing (404), as on the custom route.
 */
export const PathParam = createParamDecorator((name: string, ctx: ExecutionContext): string => {
  const value = pathParamOf(ctx.switchToHttp().getRequest<FastifyRequest>(), name);
  if (value === undefined || !ID_PATTERN.test(value)) {
    const what = name.endsWith('Id') ? name.slice(0, -2) : name;
    throw ApiError.notFound(what.charAt(0).toUpperCase() + what.slice(1));
  }
  return value;
});
