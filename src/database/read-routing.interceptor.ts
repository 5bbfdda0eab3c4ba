import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { OPERATION, OperationMetadata } from '../compat/operation.decorator';
import { ReadReplicas } from './read-replicas.service';
import { driverErrorCode, isSqlite, UNREACHABLE_CODES } from './sql';
import { TransactionRunner } from './transaction-runner';

/**
 * A replica that answers these cannot serve the read: it is unreachable or not ready, or it is
 * behind and its causal read (wsrep_sync_wait) did not catch up in time.
 */
const REPLICA_CANNOT_SERVE = new Set([...UNREACHABLE_CODES, 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * The reads of operations declared `readsFrom: 'replica'` (lists, exports, schedule-state): on
 * MySQL/MariaDB they share one connection (their parallel queries would otherwise each take one
 * from the pool: thirty-two schedule-state requests asked for a hundred), taken from a
 * DATABASE_READ_URLS node when there are any: the operation's reads find that connection's
 * manager as their ambient one (TransactionRunner). The caller's session was already checked on
 * the primary. A replica that cannot be reached, is not ready (a Galera node joining) or is too far
 * behind to answer in time, rests, and the operation runs again on the primary: reads only, so
 * running it again is harmless.
 */
@Injectable()
export class ReadRoutingInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly replicas: ReadReplicas,
    private readonly tx: TransactionRunner,
    private readonly db: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const op = this.reflector.get<OperationMetadata | undefined>(OPERATION, context.getHandler());
    if (op?.readsFrom !== 'replica' || isSqlite(this.db.options.type)) return next.handle();
    const replica = this.replicas.pick();
    const on = (ds: DataSource) =>
      new Observable<unknown>((sub) => {
        const runner = ds.createQueryRunner();
        const inner = this.tx.readingFrom(runner.manager, () => next.handle().subscribe(sub));
        return () => {
          inner.unsubscribe();
          void runner.release();
        };
      });
    if (!replica) return on(this.db);
    return on(replica.ds).pipe(
      catchError((err: unknown) => {
        if (!REPLICA_CANNOT_SERVE.has(driverErrorCode(err) ?? '')) throw err;
        this.replicas.rest(replica, err);
        return on(this.db);
      }),
    );
  }
}
