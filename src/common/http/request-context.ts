import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * Steps a request adds to its write transactions, carried with the request's async work rather
 * than passed through every service: the idempotency record is written in the same transaction
 * as the change it answers for, so one never commits without the other.
 */
export interface RequestContext {
  afterWrite?: (m: EntityManager, result: unknown) => Promise<void>;
  beforeWrite?: (m: EntityManager) => Promise<void>;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const runInRequestContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

export const currentRequestContext = (): RequestContext | undefined => storage.getStore();
