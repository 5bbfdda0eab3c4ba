import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { appConfig } from './config/app.config';
import { env } from './config/env';
import { AppModule } from './app.module';
import { rewriteUrl } from './compat/url-rewrite';
import { ServiceStackExceptionFilter } from './common/errors/service-stack-exception.filter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { setupOpenApi } from './openapi';
import { registerBodyParsers } from './common/http/body-parsers';
import { registerSecurityHeaders } from './common/http/security-headers';

/** Builds the whole HTTP application; main.ts only listens. */
export async function createApp(): Promise<NestFastifyApplication> {
  // Read before Nest so the adapter gets the body limit; validated again by the config module.
  const bodyLimit = appConfig().bodyLimit;
  const adapter = new FastifyAdapter({ bodyLimit, trustProxy: env('TRUST_PROXY') === 'true', rewriteUrl });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bodyParser: false,
    logger: env('LOG_LEVEL') === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn', 'log'],
  });
  await app.register(fastifyCookie);
  registerBodyParsers(app.getHttpAdapter().getInstance(), bodyLimit);
  registerSecurityHeaders(app.getHttpAdapter().getInstance());
  app.useGlobalFilters(new ServiceStackExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}
