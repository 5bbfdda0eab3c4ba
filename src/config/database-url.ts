import { ConfigError } from './env';

/** Bounds on every database wait (README, "Faults"). */
export interface DatabaseBounds {
  /** A query (MySQL) or a busy wait for the SQLite file lock: past it a 503. */
  queryTimeoutMs: number;
  /** Waiting for a pool connection (MySQL): past it a 503. */
  poolWaitMs: number;
  /** Requests waiting for a pool connection at once (MySQL); more are refused with a 503 at once. */
  poolQueueLimit: number;
  poolSize: number;
}

export type DatabaseConfig = (
  | { type: 'sqlite'; path: string; logging: boolean }
  | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string; logging: boolean }
) & { bounds?: DatabaseBounds };

export const DEFAULT_SQLITE_PATH = './data/voice.sqlite';

/** `sqlite:PATH`, `mysql://…` or `mariadb://…`; unset means the embedded SQLite file. */
export function parseDatabaseUrl(url: string | undefined, logging = false): DatabaseConfig {
  if (url === undefined) return { type: 'sqlite', path: DEFAULT_SQLITE_PATH, logging };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/voice.sqlite');
    return { type: 'sqlite', path, logging };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL');
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new ConfigError('DATABASE_URL must start with mysql://, mariadb:// or sqlite:');
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new ConfigError('DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/voice');
  return {
    type: 'mysql',
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database,
    logging,
  };
}
