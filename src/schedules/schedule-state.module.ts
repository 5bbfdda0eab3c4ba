import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { ScheduleResolverService } from './schedule-resolver.service';
import { ScheduleStateService } from './schedule-state.service';
import { SchedulesController } from './schedules.controller';
import { SchedulesModule } from './schedules.module';

/** Inherited schedules and "what state is this customer in" (needs customers' scope). */
@Module({
  imports: [CustomersModule, SchedulesModule],
  controllers: [SchedulesController],
  providers: [ScheduleResolverService, ScheduleStateService],
  exports: [ScheduleStateService],
})
export class ScheduleStateModule {}
