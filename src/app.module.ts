import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import { IdempotencyStore } from './common/idempotency/idempotency.store';
import { ETagInterceptor } from './common/http/etag.interceptor';
import { ConfigModule } from '@nestjs/config';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { CacheInvalidationModule } from './common/cache/cache-invalidation.module';
import { appConfig } from './config/app.config';
import { authConfig } from './config/auth.config';
import { bootstrapConfig } from './config/bootstrap.config';
import { databaseConfig } from './config/database.config';
import { CustomersModule } from './customers/customers.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { LifecycleService } from './health/lifecycle.service';
import { UsersModule } from './users/users.module';
import { TagsModule } from './tags/tags.module';
import { MetricsModule } from './metrics/metrics.module';
import { CompatModule } from './compat/compat.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig, authConfig, databaseConfig, bootstrapConfig] }),
    DatabaseModule,
    CacheInvalidationModule,
    AuthModule,
    AccountsModule,
    CustomersModule,
    UsersModule,
    TagsModule,
    CompatModule,
    MetricsModule,
  ],
  controllers: [HealthController],
  providers: [
    LifecycleService,
    IdempotencyStore,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: ETagInterceptor },
  ],
})
export class AppModule {}
