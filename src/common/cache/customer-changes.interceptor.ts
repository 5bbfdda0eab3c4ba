import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import { OPERATION, OperationMetadata } from '../../compat/operation.decorator';
import { CacheInvalidation } from './cache-invalidation.service';

/**
 * After an operation that may change existing customers' details (any but GET, unless it declares
 * `leavesCustomersUnchanged`), every instance forgets its cached customers before the answer
 * leaves: the client's next read, wherever it lands, comes from the database. Failed ones too: a
 * failure may come after a commit. Declared on the operation, so a new write cannot be forgotten.
 */
@Injectable()
export class CustomerChangesInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly invalidation: CacheInvalidation,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const op = this.reflector.get<OperationMetadata | undefined>(OPERATION, context.getHandler());
    if (!op || op.method === 'GET' || op.leavesCustomersUnchanged) return next.handle();
    const forget = () => from(this.invalidation.changed({ kind: 'customers' }));
    return next.handle().pipe(
      mergeMap((value) => forget().pipe(mergeMap(() => [value]))),
      catchError((err: unknown) =>
        forget().pipe(
          mergeMap(() => {
            throw err;
          }),
        ),
      ),
    );
  }
}
