import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSettingsRow } from './entities/app-settings.entity';
import { BillingItemRow } from './entities/billing-item.entity';
import { SettingsRepository } from './settings.repository';

@Module({
  imports: [TypeOrmModule.forFeature([BillingItemRow, AppSettingsRow])],
  providers: [SettingsRepository],
  exports: [SettingsRepository],
})
export class SettingsModule {}
