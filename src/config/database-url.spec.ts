import { DEFAULT_SQLITE_PATH, parseDatabaseUrl } from './database-url';
import { ConfigError } from './env';

describe('parseDatabaseUrl', () => {
  it('defaults to the embedded SQLite file', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ type: 'sqlite', path: DEFAULT_SQLITE_PATH, logging: false });
  });
  it('reads sqlite:PATH', () => {
    expect(parseDatabaseUrl('sqlite:/tmp/x.sqlite')).toMatchObject({ type: 'sqlite', path: '/tmp/x.sqlite' });
  });
  it('reads mysql:// and mariadb:// with credentials', () => {
    expect(parseDatabaseUrl('mariadb://u:p%40ss@db.local:3307/voice')).toMatchObject({
      type: 'mysql',
      host: 'db.local',
      port: 3307,
      username: 'u',
      password: 'p@ss',
      database: 'voice',
    });
  });
  it.each(['postgres://x/y', 'mysql://host', 'sqlite:', 'not a url'])('refuses %p', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(ConfigError);
  });
});
