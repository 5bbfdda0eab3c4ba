import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { appConfig } from './config/app.config';
import { authConfig } from './config/auth.config';
import { bootstrapConfig } from './config/bootstrap.config';
import { databaseConfig } from './config/database.config';
import { ConfigError, env } from './config/env';

/** Every config namespace once, before Nest starts, so bad settings stop the start with one clear line. */
function validateConfig(): void {
  for (const load of [appConfig, authConfig, databaseConfig, bootstrapConfig]) load();
}

async function main(): Promise<void> {
  validateConfig();
  const app = await createApp();
  const { port } = appConfig();
  await app.listen({ port, host: env('HOST') ?? '0.0.0.0' });
  new Logger('Voice API').log(`Listening on http://localhost:${port} (Swagger UI at /swagger-ui)`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`Refusing to start: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
