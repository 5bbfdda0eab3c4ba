// The service tier: services and their repositories on an in-memory SQLite database, without
// HTTP, run by Node's own test runner on compiled files (Jest cannot load Nest 12's ES modules on
// Node 20; Node itself can). Each call is a method call: milliseconds, not a request.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { AccountsModule } from '../../src/accounts/accounts.module';
import { IdempotencyStore } from '../../src/common/idempotency/idempotency.store';
import { CacheInvalidationModule } from '../../src/common/cache/cache-invalidation.module';
import type { Principal } from '../../src/common/auth/principal';
import { Role } from '../../src/common/auth/role.enum';
import { appConfig } from '../../src/config/app.config';
import { authConfig } from '../../src/config/auth.config';
import { bootstrapConfig } from '../../src/config/bootstrap.config';
import { databaseConfig } from '../../src/config/database.config';
import { CustomersModule } from '../../src/customers/customers.module';
import { DatabaseModule } from '../../src/database/database.module';
import { TagsModule } from '../../src/tags/tags.module';
import { UsersModule } from '../../src/users/users.module';

Object.assign(process.env, {
  DATABASE_URL: 'sqlite::memory:',
  JWT_SECRET: 'service-tier-secret-0123456789abcdef0123',
  ADMIN_EMAIL: 'root@service.test',
  ADMIN_PASSWORD: 'service-admin-password',
});

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig, authConfig, databaseConfig, bootstrapConfig] }),
    DatabaseModule,
    CacheInvalidationModule,
    AccountsModule,
    CustomersModule,
    TagsModule,
    UsersModule,
  ],
  providers: [IdempotencyStore],
})
class ServiceTierModule {}

export interface ServiceWorld {
  get<T>(type: Type<T>): T;
  admin: Principal;
  close(): Promise<void>;
}

export async function startServices(): Promise<ServiceWorld> {
  const app: INestApplicationContext = await NestFactory.createApplicationContext(ServiceTierModule, { logger: false });
  return {
    get: (type) => app.get(type),
    admin: principal({ roles: [Role.SystemAdministrator] }),
    close: () => app.close(),
  };
}

/** A caller as the guard would load it; ids need not be real users' (audit columns take any id). */
export function principal(p: Partial<Principal>): Principal {
  return {
    userId: '00000000-0000-4000-8000-00000000a11d',
    sessionId: 'service-tier',
    email: 'caller@service.test',
    firstName: null,
    lastName: null,
    roles: [Role.Manager],
    accountIds: [],
    customerId: null,
    ...p,
  };
}

/** The ServiceStack error a call was refused with: its status and errorCode. */
export async function refusal(call: Promise<unknown>): Promise<{ status: number; errorCode: string; fieldName?: string }> {
  try {
    await call;
  } catch (err) {
    const e = err as { getStatus?: () => number; errorCode?: string; errors?: { fieldName: string }[] };
    if (typeof e.getStatus !== 'function') throw err;
    return { status: e.getStatus(), errorCode: e.errorCode ?? '', fieldName: e.errors?.[0]?.fieldName };
  }
  throw new Error('expected a refusal, but the call succeeded');
}
