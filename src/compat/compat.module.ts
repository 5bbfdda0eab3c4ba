import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module';
import { CustomersModule } from '../customers/customers.module';
import { ScheduleStateModule } from '../schedules/schedule-state.module';
import { TagsModule } from '../tags/tags.module';
import { UsersModule } from '../users/users.module';
import { FormatInterceptor } from './format.interceptor';
import { PredefinedRoutesController } from './predefined-routes.controller';

/** ServiceStack wire compatibility: formats and predefined routes. */
@Module({
  imports: [AccountsModule, CustomersModule, ScheduleStateModule, TagsModule, UsersModule],
  controllers: [PredefinedRoutesController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: FormatInterceptor }],
})
export class CompatModule {}
