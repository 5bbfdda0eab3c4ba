import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { FormatInterceptor } from './format.interceptor';
import { OperationRegistry } from './operations';
import { MetadataController } from './metadata/metadata.controller';
import { ServiceStackMetadataService } from './metadata/service-stack-metadata.service';

/** ServiceStack wire compatibility: formats, the registry of operations their routes come from, and their metadata. */
@Module({
  imports: [DiscoveryModule],
  controllers: [MetadataController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: FormatInterceptor }, OperationRegistry, ServiceStackMetadataService],
  exports: [OperationRegistry],
})
export class CompatModule {}
