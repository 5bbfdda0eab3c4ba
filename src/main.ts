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
import { flushLogs, writeAfterLogs } from './common/logging/app-logger';

/** Every config namespace once, before Nest starts, so bad settings stop the start with one clear line. */
function validateConfig(): void {
  for (const load of [appConfig, authConfig, databaseConfig, bootstrapConfig]) load();
}

/**
 * SIGTERM or SIGINT: health turns 503; for SHUTDOWN_DRAIN_DELAY_MS (the time a load balancer's
 * health check takes to notice) requests are still served, then new ones get a 503 with
 * `Connection: close` (the listener stays open, so no connection is reset); requests in flight
 * finish (up to SHUTDOWN_GRACE_MS), then the listener, the database and Redis close and the
 * process exits 0. Nest's own shutdown hooks would re-raise the signal and die by it (status 143).
 */
function closeGracefully(app: NestFastifyApplication, drainDelayMs: number, graceMs: number): void {
  const logger = new Logger('Shutdown');
  const lifecycle = app.get(LifecycleService);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining (up to ${graceMs} ms for requests in flight)`);
    lifecycle.startDraining();
    if (drainDelayMs > 0) await new Promise((r) => setTimeout(r, drainDelayMs));
    lifecycle.startRefusing();
    if (!(await lifecycle.idle(QUIET_MS, graceMs))) logger.warn('Grace period over: closing with requests still in flight.');
    try {
      await app.close();
      flushLogs();
      process.exit(0);
    } catch (err) {
      logger.error(`Shutdown failed: ${String(err)}`);
      flushLogs();
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
  const { port, host, shutdownDrainDelayMs, shutdownGraceMs } = appConfig();
  closeGracefully(app, shutdownDrainDelayMs, shutdownGraceMs);
  await app.listen({ port, host });
  new Logger('Voice API').log(`Listening on http://localhost:${port} (Swagger UI at /swagger-ui)`);
  // Straight to stdout, last, so neither the log level nor later lines hide it.
  const announcement = app.get(AdminBootstrapService).announcement;
  if (announcement) writeAfterLogs(announcement);
}

/** Why the start failed, in one line, for the failures an operator can fix; undefined for a bug. */
function refusal(err: unknown): string | undefined {
  if (err instanceof ConfigError) return err.message;
  const { code, address, port, message } = (err ?? {}) as { code?: string; address?: string; port?: number; message?: string };
  if (code === 'EADDRINUSE')
    return `port ${appConfig().port} is already in use on ${appConfig().host} (another process listens there; set PORT)`;
  if (code === 'EACCES' && port !== undefined) return `not allowed to listen on port ${port} (set PORT above 1023)`;
  if (code && ['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ER_ACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR'].includes(code))
    return `the database cannot be reached (${address ? `${address}${port ? `:${port}` : ''}: ` : ''}${message ?? code}); check DATABASE_URL`;
  return undefined;
}

main().catch((err: unknown) => {
  const reason = refusal(err);
  flushLogs();
  console.error(reason ? `Refusing to start: ${reason}` : err);
  process.exit(1);
});
