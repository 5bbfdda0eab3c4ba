/**
 * `npm run admin -- <command>` on the configured database (DATABASE_URL, .env), for an operator
 * who lost the way in:
 *   create-admin <email> [--password <password>]   a new SystemAdministrator
 *   reset-password <email> [--password <password>] a new password; the user's sessions end
 * Without --password a random one is made and printed once.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Session } from '../common/auth/session.entity';
import { Role } from '../common/auth/role.enum';
import { databaseConfig } from '../config/database.config';
import { ConfigError, env } from '../config/env';
import { announcePrincipalChange } from '../common/cache/cache-invalidation.service';
import { loadEnvFile } from '../config/env-file';
import { buildDataSourceOptions } from '../database/data-source-options';
import { migrateOnce } from '../database/schema-migrator';
import { User } from '../users/entities/user.entity';
import { hashPassword } from '../users/password-hasher';

const USAGE = 'usage: npm run admin -- create-admin|reset-password <email> [--password <password>]';

class UsageError extends Error {}

function parse(args: string[]): { command: string; email: string; password?: string } {
  const [command, email, flag, password] = args;
  if (!['create-admin', 'reset-password'].includes(command) || !email?.includes('@')) throw new UsageError(USAGE);
  if (flag !== undefined && (flag !== '--password' || !password)) throw new UsageError(USAGE);
  if (password !== undefined && password.length < 8) throw new UsageError('The password must have at least 8 characters.');
  return { command, email: email.trim().toLowerCase(), password };
}

async function run(db: DataSource, command: string, email: string, password: string): Promise<string> {
  const users = db.getRepository(User);
  const existing = await users.findOneBy({ email });
  const passwordHash = await hashPassword(password);
  if (command === 'reset-password') {
    if (!existing) throw new UsageError(`No user has the email ${email}.`);
    await db.transaction(async (m) => {
      await m.update(User, { id: existing.id }, { passwordHash, dateLastModified: new Date() });
      await m.delete(Session, { userId: existing.id });
    });
    // Running instances may hold the user's sessions in their cache of callers: they forget them now.
    const redisUrl = env('REDIS_URL');
    if (redisUrl) {
      try {
        await announcePrincipalChange(redisUrl, env('REDIS_KEY_PREFIX') ?? 'voice', { kind: 'user', id: existing.id });
      } catch (err) {
        return `New password for ${email} (Redis did not answer, ${(err as Error).message}: running instances end the old sessions within 30 s)`;
      }
    }
    return `New password for ${email}`;
  }
  if (existing) throw new UsageError(`A user with the email ${email} already exists: use reset-password.`);
  const now = new Date();
  await users.insert({
    id: randomUUID(),
    email,
    firstName: 'System',
    lastName: 'Administrator',
    passwordHash,
    roles: [Role.SystemAdministrator],
    customerId: null,
    dateCreated: now,
    dateLastModified: now,
    createdBy: null,
    lastModifiedBy: null,
  });
  return `Created SystemAdministrator ${email}`;
}

async function main(): Promise<void> {
  const { command, email, password } = parse(process.argv.slice(2));
  loadEnvFile();
  const db = new DataSource({ ...buildDataSourceOptions(databaseConfig()), entities: [User, Session], logging: false });
  await db.initialize();
  try {
    await migrateOnce(db);
    const chosen = password ?? randomBytes(18).toString('base64url');
    const done = await run(db, command, email, chosen);
    process.stdout.write(password ? `${done}.\n` : `${done}, with password:\n\n    ${chosen}\n\nIt is not shown again.\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError || err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
