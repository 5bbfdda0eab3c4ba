import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { appConfig } from './config/app.config';
import { AppModule } from './app.module';
import { rewriteUrl } from './compat/url-rewrite';
import { ServiceStackExceptionFilter } from './common/errors/service-stack-exception.filter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { setupOpenApi } from './openapi/openapi.setup';
import { OperationRegistry } from './compat/operations';
import { ScheduleEdgePipe } from './schedules/schedule-edge.pipe';
import { registerDrainHooks } from './common/http/drain-hooks';
import { LifecycleService } from './health/lifecycle.service';
import { registerBodyParsers } from './common/http/body-parsers';
import { registerSecurityHeaders } from './common/http/security-headers';
import { capConnectionsPerClient, httpServerOptions } from './common/http/connection-limits';
import { answerClientError, answerFrameworkError } from './common/errors/framework-errors';
import { MetricsService } from './metrics/metrics.service';
import { AppLogger, createPino } from './common/logging/app-logger';
import { registerRequestLog, requestIdOf } from './common/logging/request-log';

/** Builds the whole HTTP application; main.ts only listens. */
export async function createApp(build: { requestLog?: boolean } = {}): Promise<NestFastifyApplication> {
  // Read before Nest so the adapter gets the body limit; validated again by the config module.
  const config = appConfig();
  const bodyLimit = config.bodyLimit;
  // Cast: Fastify takes a hop count for trustProxy (proxy-addr does) and node server options under
  // `http`, which its adapter typings do not spell out together.
  const options = {
    bodyLimit,
    // A hop count trusts that many hops from the socket (Fastify's own number form trusts none).
    trustProxy:
      typeof config.trustProxy === 'number' ? (_address: string, hop: number) => hop < (config.trustProxy as number) : config.trustProxy,
    rewriteUrl,
    http: httpServerOptions(config),
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    requestIdHeader: false,
    genReqId: requestIdOf,
  } as unknown as ConstructorParameters<typeof FastifyAdapter>[0];
  const log = createPino(config.logLevel === 'debug' ? 'debug' : 'info');
  const adapter = new FastifyAdapter(options);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bodyParser: false,
    logger: new AppLogger(log),
    // A start that fails (a database that never answers) is main.ts's to report, in one line.
    abortOnError: false,
  });
  if (build.requestLog !== false) registerRequestLog(app.getHttpAdapter().getInstance(), log);
  app.get(MetricsService).instrument(app.getHttpAdapter().getInstance());
  await app.register(fastifyCookie);
  capConnectionsPerClient(app.getHttpAdapter().getInstance().server, config.maxConnectionsPerClient);
  registerBodyParsers(app.getHttpAdapter().getInstance(), bodyLimit);
  registerSecurityHeaders(app.getHttpAdapter().getInstance());
  registerDrainHooks(app.getHttpAdapter().getInstance(), app.get(LifecycleService));
  app.useGlobalFilters(new ServiceStackExceptionFilter(app.get(OperationRegistry)));
  app.useGlobalPipes(createValidationPipe(), new ScheduleEdgePipe());
  setupOpenApi(app);
  return app;
}
