import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { FormatInterceptor } from './format.interceptor';
import { OperationRegistry } from './operations';

/** ServiceStack wire compatibility: formats, and the registry of operations their routes come from. */
@Module({
  imports: [DiscoveryModule],
  providers: [{ provide: APP_INTERCEPTOR, useClass: FormatInterceptor }, OperationRegistry],
  exports: [OperationRegistry],
})
export class CompatModule {}
