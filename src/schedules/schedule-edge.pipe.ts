import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ScheduleDto } from './dto/schedule.dto';
import { toValidSchedule } from './schedule-validation';

/**
 * Runs a request's schedule through the RFC 5545 cross-field rules and the cost limits at the
 * edge, after DTO validation and before any service or query: a bad schedule is a 400 that never
 * reaches the database. Services convert the (now valid) schedule again; that is pure and cached.
 */
export class ScheduleEdgePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || !value || typeof value !== 'object') return value;
    const schedule = (value as { schedule?: unknown }).schedule;
    if (schedule instanceof ScheduleDto) toValidSchedule(schedule, 'schedule');
    return value;
  }
}
