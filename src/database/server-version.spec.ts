import { serverVersionProblem } from './server-version';

describe('serverVersionProblem', () => {
  it('accepts MariaDB 10.6+ and MySQL 8.0+', () => {
    for (const v of ['10.6.0-MariaDB', '10.11.19-MariaDB-0+deb12u1', '11.4.2-MariaDB', '8.0.36', '8.4.0', '9.1.0'])
      expect(serverVersionProblem(v)).toBeUndefined();
  });

  it('refuses older servers, saying which and what is needed', () => {
    expect(serverVersionProblem('10.5.23-MariaDB')).toBe(
      'the database server is MariaDB 10.5; this API needs MariaDB 10.6 or newer. Upgrade the server, or point DATABASE_URL at a newer one.',
    );
    expect(serverVersionProblem('5.7.44-log')).toMatch(/^the database server is MySQL 5\.7; this API needs MySQL 8\.0 or newer/);
    expect(serverVersionProblem('5.5.5-10.3.39-MariaDB')).toMatch(/MariaDB 5\.5/);
  });
});
