import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { LifecycleService } from './health/lifecycle.service';
import { AdminBootstrapService } from './users/admin-bootstrap.service';
import { appConfig } from './config/app.config';
import { authConfig } from './config/auth.config';
import { bootstrapConfig } from './config/bootstrap.config';
import { databaseConfig } from './config/database.config';
import { ConfigError } from './config/env';
import { loadEnvFile } from './config/env-file';
import { checkDatabaseServer } from './database/database-preflight';

/** Every config namespace once, before Nest starts, so bad settings stop the start with one clear line. */
function validateConfig(): void {
  for (const load of [appConfig, authConfig, databaseConfig, bootstrapConfig]) load();
}

/**
 * SIGTERM or SIGINT: health turns 503 and new requests get a 503 with `Connection: close` (the
 * listener stays open, so no connection is reset), requests in flight finish (up to
 * SHUTDOWN_GRACE_MS), then the listener, the database and Redis close and the process exits 0.
 * Nest's own shutdown hooks would re-raise the signal and die by it (status 143).
 */
function closeGracefully(app: NestFastifyApplication, graceMs: number): void {
  const logger = new Logger('Shutdown');
  const lifecycle = app.get(LifecycleService);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining (up to ${graceMs} ms for requests in flight)`);
    lifecycle.startDraining();
    if (!(await lifecycle.idle(QUIET_MS, graceMs))) logger.warn('Grace period over: closing with requests still in flight.');
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      logger.error(`Shutdown failed: ${String(err)}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** No request for this long after the last one ended: the listener may close. */
const QUIET_MS = 300;

async function main(): Promise<void> {
  loadEnvFile();
  validateConfig();
  await checkDatabaseServer(databaseConfig());
  const app = await createApp();
  const { port, host, shutdownGraceMs } = appConfig();
  closeGracefully(app, shutdownGraceMs);
  await app.listen({ port, host });
  new Logger('Voice API').log(`Listening on http://localhost:${port} (Swagger UI at /swagger-ui)`);
  // Straight to stdout, last, so neither the log level nor later lines hide it.
  const announcement = app.get(AdminBootstrapService).announcement;
  if (announcement) process.stdout.write(announcement);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`Refusing to start: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
