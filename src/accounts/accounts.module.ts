import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { SchedulesModule } from '../schedules/schedules.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';

@Module({
  imports: [SettingsModule, SchedulesModule],
  controllers: [AccountsController],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
