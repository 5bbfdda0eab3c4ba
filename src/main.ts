import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { appConfig } from './config/app.config';
import { ConfigError, env } from './config/env';

async function main(): Promise<void> {
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
