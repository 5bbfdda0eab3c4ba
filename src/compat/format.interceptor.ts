import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { csvRows, csvStream } from '../common/http/csv';
import { ApiError } from '../common/errors/api-error';
import { negotiated } from '../common/http/response-format';
import { Reflector } from '@nestjs/core';
import { OPERATION, OperationMetadata } from './operation.decorator';

/** Streams rows for CSV exports that are too large to build in memory. */
export class CsvRows {
  constructor(readonly rows: AsyncIterable<Record<string, unknown>>) {}
}

/**
 * Serves every operation as JSON or CSV (contract §1). CSV: one row per list item (or the one
 * object), camelCase headers, RFC 4180 cells, nested values as JSON, as an attachment named
 * after the operation.
 */
@Injectable()
export class FormatInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const { format } = negotiated(req.raw);
    if (format === null) throw new ApiError(406, 'NotAcceptable', 'Unsupported format: ask for application/json or text/csv.');
    if (format === 'json') return next.handle();
    const declared = this.reflector.get<OperationMetadata | undefined>(OPERATION, context.getHandler());
    const operation = declared?.name ?? 'Response';
    return next.handle().pipe(
      map((body: unknown) => {
        const rows = body instanceof CsvRows ? body.rows : csvRows(body);
        const asked = (req.query as Record<string, unknown> | undefined)?.bom;
        const bom = typeof asked === 'string' && /^(true|1)$/i.test(asked);
        return new StreamableFile(csvStream(rows, declared?.columns, bom), {
          type: 'text/csv; charset=utf-8',
          disposition: `attachment; filename="${operation}.csv"`,
        });
      }),
    );
  }
}

/** For handlers that can stream: does this request want CSV? */
export function wantsCsv(req: FastifyRequest): boolean {
  return negotiated(req.raw).format === 'csv';
}
