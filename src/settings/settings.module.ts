import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSettingsRow } from './entities/app-settings.entity';
import { BillingItemRow } from './entities/billing-item.entity';
import { SettingsService } from './settings.service';

@Module({ imports: [TypeOrmModule.forFeature([BillingItemRow, AppSettingsRow])], providers: [SettingsService], exports: [SettingsService] })
export class SettingsModule {}
