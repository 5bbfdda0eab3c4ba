import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScheduleRow } from './entities/schedule.entity';
import { SchedulingRuleRow } from './entities/scheduling-rule.entity';
import { ScheduleRepository } from './schedule.repository';

/** Schedule storage, used by customers and accounts. */
@Module({
  imports: [TypeOrmModule.forFeature([ScheduleRow, SchedulingRuleRow])],
  providers: [ScheduleRepository],
  exports: [ScheduleRepository],
})
export class SchedulesModule {}
