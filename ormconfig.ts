// The DataSource the TypeORM CLI uses (`npm run migration:run`), with the app's own options.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from './src/config/database-url';
import { env } from './src/config/env';
import { loadEnvFile } from './src/config/env-file';

loadEnvFile();
import { buildDataSourceOptions } from './src/database/data-source-options';

export default new DataSource({ ...buildDataSourceOptions(parseDatabaseUrl(env('DATABASE_URL'))) });
