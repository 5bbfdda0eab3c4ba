import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { Reflector } from '@nestjs/core';
import { OPERATION, OperationMetadata, pathParamOf } from '../../compat/operation.decorator';
import { ApiError } from '../errors/api-error';
import { isSqlite } from '../../database/sql';
import { currentRequestContext, runInRequestContext } from './request-context';

/** The single resources that carry an ETag, by route, with the table whose row a write locks. */
const RESOURCES: { route: RegExp; table: string; read: (id: string) => string; pick?: (body: unknown) => unknown }[] = [
  // Creating one answers the new resource: it carries its ETag from the start.
  { route: /^(customers|accounts|users|tags)$/, table: '', read: () => '' },
  { route: /^customers\/:customerId(\/staging)?$/, table: 'customers', read: (id) => `/customers/${id}` },
  { route: /^accounts\/:accountId$/, table: 'accounts', read: (id) => `/accounts/${id}` },
  { route: /^users\/:userId$/, table: 'users', read: (id) => `/users/${id}` },
  { route: /^tags\/:tagId$/, table: 'tags', read: (id) => `/tags?specificIds=${id}`, pick: (b) => (b as { items: unknown[] }).items[0] },
];

/** A strong validator of everything a representation shows, inherited settings and breadcrumb included. */
export const etagOf = (body: unknown): string => `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;

const tags = (header: string | undefined): string[] =>
  (header ?? '')
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .filter(Boolean);

/**
 * ETags on single resources (GetCustomer, GetAccount, GetUser, and what their writes return),
 * `If-None-Match` on GET (304), and `If-Match` on PATCH and DELETE (412 when the resource changed).
 * The If-Match check runs inside the write's transaction after locking the resource's row, so
 * two editors holding the same ETag cannot both win. Without the headers nothing changes.
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // By the operation, so its predefined routes (/api/PatchCustomer, …) behave as its custom one.
    const operation = this.reflector.get<OperationMetadata | undefined>(OPERATION, context.getHandler());
    const resource = operation && RESOURCES.find((r) => r.route.test(operation.path));
    if (!operation || !resource || (!resource.table && req.method !== 'POST')) return next.handle();
    const id = pathParamOf(req, /:(\w+)/.exec(operation.path)?.[1] ?? '');
    const ifMatch = req.headers['if-match'];
    const respond = (body: unknown) => {
      if (body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length) {
        const etag = etagOf(body);
        void reply.header('etag', etag);
        if (req.method === 'GET' && tags(req.headers['if-none-match']).some((t) => t === etag || t === '*')) {
          void reply.status(304);
          return '';
        }
      }
      return body;
    };
    if ((req.method !== 'PATCH' && req.method !== 'DELETE') || ifMatch === undefined) return next.handle().pipe(map(respond));
    const expected = tags(ifMatch);
    // Subscribed inside the request context, so the handler's transactions see the check.
    return new Observable((subscriber) => {
      const outer = currentRequestContext();
      const check = async (m: EntityManager) => {
        await outer?.beforeWrite?.(m);
        // Hold the row until commit: a concurrent editor waits here, then finds the new ETag.
        await m.query(`SELECT id FROM ${resource.table} WHERE id = ?${isSqlite(m.connection.options.type) ? '' : ' FOR UPDATE'}`, [
          id ?? '',
        ]);
        // no-cache: the version the write would replace is the database's, never an instance's copy.
        const headers = { ...authHeaders(req), 'cache-control': 'no-cache' };
        const current = await req.server.inject({ method: 'GET', url: resource.read(id ?? ''), headers });
        if (current.statusCode !== 200) throw ApiError.notFound(resource.table.slice(0, -1).replace(/^./, (c) => c.toUpperCase()));
        const body: unknown = JSON.parse(current.body);
        const etag = etagOf(resource.pick ? resource.pick(body) : body);
        if (!expected.includes('*') && !expected.includes(etag)) {
          throw new ApiError(412, 'PreconditionFailed', 'The resource changed since it was read (If-Match does not match its ETag).');
        }
      };
      return runInRequestContext({ ...outer, beforeWrite: check }, () => next.handle().pipe(map(respond)).subscribe(subscriber));
    });
  }
}

function authHeaders(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['authorization', 'cookie'] as const) if (typeof req.headers[name] === 'string') out[name] = req.headers[name];
  return out;
}
