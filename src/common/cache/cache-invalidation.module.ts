import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CacheInvalidation } from './cache-invalidation.service';
import { CustomerChangesInterceptor } from './customer-changes.interceptor';

/** Global: every feature that ends or changes a caller reports it here; customer changes are reported by operation. */
@Global()
@Module({
  providers: [CacheInvalidation, { provide: APP_INTERCEPTOR, useClass: CustomerChangesInterceptor }],
  exports: [CacheInvalidation],
})
export class CacheInvalidationModule {}
