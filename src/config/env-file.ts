import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './env';

/**
 * Reads `.env` from the working directory, if there is one, before any configuration is read.
 * Variables already in the environment win (Node's own loader never overwrites them).
 */
export function loadEnvFile(path = resolve(process.cwd(), '.env')): void {
  if (!existsSync(path)) return;
  try {
    process.loadEnvFile(path);
  } catch (err) {
    throw new ConfigError(`${path} could not be read: ${(err as Error).message}`);
  }
}
