import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig, DatabaseConfig } from '../config/database.config';
import { buildDataSourceOptions } from './data-source-options';
import { TransactionRunner } from './transaction-runner';
import { DatabaseBoundsService } from './database-bounds.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (cfg: DatabaseConfig) => ({ ...buildDataSourceOptions(cfg), autoLoadEntities: true, retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
  providers: [TransactionRunner, DatabaseBoundsService],
  exports: [TransactionRunner, DatabaseBoundsService],
})
export class DatabaseModule {}
