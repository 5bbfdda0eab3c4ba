import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScheduleRow } from './entities/schedule.entity';
import { SchedulingRuleRow } from './entities/scheduling-rule.entity';
import { SchedulesService } from './schedules.service';

/** Schedule storage, used by customers and accounts. */
@Module({
  imports: [TypeOrmModule.forFeature([ScheduleRow, SchedulingRuleRow])],
  providers: [SchedulesService],
  exports: [SchedulesService],
})
export class SchedulesModule {}
