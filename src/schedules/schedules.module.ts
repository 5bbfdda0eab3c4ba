import { Module } from '@nestjs/common';
import { SchedulesService } from './schedules.service';

/** Schedule storage, used by customers and accounts. */
@Module({ providers: [SchedulesService], exports: [SchedulesService] })
export class SchedulesModule {}
