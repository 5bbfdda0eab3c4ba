import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigError } from '../config/env';
import { databaseConfig, DatabaseConfig } from '../config/database.config';
import { buildDataSourceOptions } from './data-source-options';
import { TransactionRunner } from './transaction-runner';
import { DatabaseBoundsService } from './database-bounds.service';
import { migrateOnce } from './schema-migrator';
import { ReadReplicas } from './read-replicas.service';
import { ClusterNodeService } from './cluster-node.service';
import { ReadRoutingInterceptor } from './read-routing.interceptor';
import { APP_INTERCEPTOR } from '@nestjs/core';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (cfg: DatabaseConfig) => ({
        ...buildDataSourceOptions(cfg),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
        // A schema newer than the build, or a lock never released, does not get better by retrying.
        toRetry: (err: unknown) => !(err instanceof ConfigError),
      }),
      dataSourceFactory: async (options) => {
        const ds = await new DataSource(options!).initialize();
        try {
          await migrateOnce(ds);
        } catch (err) {
          await ds.destroy().catch(() => undefined);
          throw err;
        }
        return ds;
      },
    }),
  ],
  providers: [
    TransactionRunner,
    DatabaseBoundsService,
    ReadReplicas,
    ClusterNodeService,
    { provide: APP_INTERCEPTOR, useClass: ReadRoutingInterceptor },
  ],
  exports: [TransactionRunner, DatabaseBoundsService, ReadReplicas, ClusterNodeService],
})
export class DatabaseModule {}
