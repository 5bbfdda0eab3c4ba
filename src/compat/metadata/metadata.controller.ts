import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/auth.decorators';
import { ApiError } from '../../common/errors/api-error';
import { appConfig, type AppConfig } from '../../config/app.config';
import { csharpDtos } from './csharp-dtos';
import { baseUrlOf } from './options-header';
import { MetadataFormat, metadataIndexPage, operationPage } from './metadata-pages';
import { ServiceStackMetadataService } from './service-stack-metadata.service';
import { typescriptDtos } from './typescript-dtos';

type Query = Record<string, unknown>;

/**
 * ServiceStack's metadata and "Add ServiceStack Reference": what `typescript-ref` and `csharp-ref`
 * read, and the pages a person reads. Public, as ServiceStack's are, unless METADATA_PAGES=false.
 */
@ApiExcludeController()
@Public()
@Controller()
export class MetadataController {
  constructor(
    private readonly metadata: ServiceStackMetadataService,
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
  ) {}

  @Get('types/metadata')
  types(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(reply, 'application/json; charset=utf-8', JSON.stringify(this.read(req)));
  }

  @Get('types/typescript')
  typescript(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(reply, 'text/plain; charset=utf-8', typescriptDtos(this.read(req), req.query as Query));
  }

  @Get('types/csharp')
  csharp(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(reply, 'text/plain; charset=utf-8', csharpDtos(this.read(req), req.query as Query));
  }

  @Get('metadata')
  index(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(reply, 'text/html; charset=utf-8', metadataIndexPage(this.read(req)));
  }

  @Get(['json/metadata', 'csv/metadata'])
  operation(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const name = (req.query as Query).op;
    const format: MetadataFormat = req.url.startsWith('/csv/') ? 'csv' : 'json';
    const meta = this.read(req);
    const op = meta.operations.find((o) => o.request.name === name);
    if (!op) throw ApiError.notFound('Operation');
    this.send(reply, 'text/html; charset=utf-8', operationPage(meta, op, format, new URL(meta.config.baseUrl).host));
  }

  private read(req: FastifyRequest) {
    if (!this.cfg.metadataPages) throw ApiError.notFound('Page');
    return this.metadata.metadata(baseUrlOf(req.protocol, req.host));
  }

  private send(reply: FastifyReply, type: string, body: string): void {
    void reply.header('content-type', type).send(body);
  }
}
