import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, of, switchMap } from 'rxjs';
import { appConfig, AppConfig } from '../../config/app.config';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { toErrorResponse } from '../errors/error-response';
import { currentRequestContext, runInRequestContext } from '../http/request-context';
import type { EntityManager } from 'typeorm';
import { IdempotencyStore, IN_FLIGHT } from './idempotency.store';

const WRITES = new Set(['POST', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * `Idempotency-Key` on POST, PATCH and DELETE (IETF httpapi-idempotency-key draft): the same key
 * with the same request replays the first response without doing the work again; with another
 * request it is a 422; while the first is still running, a 409. Keys belong to the caller. The
 * record of a write commits in the write's own transaction, so a change is never stored without
 * the answer a retry will get; a request that failed with a 5xx frees its key for a retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest & { user?: Principal }>();
    const key = req.headers['idempotency-key'];
    if (!WRITES.has(req.method) || key === undefined || !req.user) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw ApiError.field('Idempotency-Key', 'InvalidIdempotencyKey', "'Idempotency-Key' must be 1 to 255 visible ASCII characters.");
    }
    const fingerprint = sha256(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`);
    const claim = this.store.claim(req.user.userId, sha256(key), fingerprint, this.cfg.idempotencyTtlMs);
    return from(claim).pipe(
      switchMap((c) => {
        if (c.kind === 'mismatch')
          throw new ApiError(422, 'IdempotencyKeyReused', 'This Idempotency-Key was used with a different request.');
        if (c.kind === 'in-flight') throw IN_FLIGHT();
        const reply = http.getResponse<FastifyReply>();
        if (c.kind === 'replay') {
          void reply.header('idempotent-replayed', 'true');
          return of(replayed(c.status, c.body));
        }
        return from(this.run(c, next));
      }),
    );
  }

  private run(claim: { id: string; lease: number }, next: CallHandler): Promise<unknown> {
    const outer = currentRequestContext();
    const context = {
      ...outer,
      afterWrite: async (m: EntityManager, result: unknown) => {
        await outer?.afterWrite?.(m, result);
        await this.store.complete(claim, 200, result ?? {});
      },
    };
    return new Promise((resolve, reject) => {
      runInRequestContext(context, () =>
        next.handle().subscribe({
          next: (body) => {
            // The final answer replaces what the transaction recorded (the same, or a mapped form of it).
            this.store.complete(claim, 200, body ?? {}).then(() => resolve(body), reject);
          },
          error: (err: Error) => {
            const { status, body } = toErrorResponse(err);
            // A refusal is the answer to replay; anything else frees the key (a record the write's
            // transaction committed as `done` stays, so a lost COMMIT answer is replayed, not redone).
            const settle =
              status < 500 ? this.store.complete(claim, status, body).catch(() => this.store.release(claim)) : this.store.release(claim);
            settle.then(
              () => reject(err),
              () => reject(err),
            );
          },
        }),
      );
    });
  }
}

/** The first response again: a success as it was, an error in the same ServiceStack shape. */
function replayed(status: number, body: unknown): unknown {
  if (status < 400) return body;
  const s = (body as { responseStatus: { errorCode: string; message: string; errors: [] } }).responseStatus;
  throw new ApiError(status, s.errorCode, s.message, s.errors);
}
