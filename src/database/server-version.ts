/** The oldest servers the schema and its queries are written for (window functions, CTEs, utf8mb4 indexes). */
export const MINIMUM_SERVERS = { MariaDB: [10, 6], MySQL: [8, 0] } as const;

/**
 * Why a MySQL/MariaDB server is too old for this API, or undefined when it will do.
 * `version` is what `SELECT VERSION()` answers: `10.11.19-MariaDB-0+deb12u1`, `8.0.36`.
 */
export function serverVersionProblem(version: string): string | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return undefined;
  const flavor = /mariadb/i.test(version) ? 'MariaDB' : 'MySQL';
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const [needMajor, needMinor] = MINIMUM_SERVERS[flavor];
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `the database server is ${flavor} ${major}.${minor}; this API needs ${flavor} ${needMajor}.${needMinor} or newer. Upgrade the server, or point DATABASE_URL at a newer one.`;
}
