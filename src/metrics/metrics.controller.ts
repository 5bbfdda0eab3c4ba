import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/auth.decorators';
import { ApiError } from '../common/errors/api-error';
import { appConfig, type AppConfig } from '../config/app.config';
import { MetricsService } from './metrics.service';

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** GET /metrics for Prometheus, with `Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN, not served. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
  ) {}

  @Get()
  async scrape(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.cfg.metricsToken) throw ApiError.notFound('Page');
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!same(given, this.cfg.metricsToken)) throw ApiError.unauthorized('A valid METRICS_TOKEN bearer token is required.');
    const body = await this.metrics.registry.metrics();
    void reply.header('content-type', this.metrics.registry.contentType).send(body);
  }
}
