import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Struct } from '../../common/struct/struct.types';

/** BY* lists are stored as comma-joined integers; byDay as RFC 5545 text (`1MO,-1FR`). */
@Entity('scheduling_rules')
export class SchedulingRuleRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @PrimaryColumn({ name: 'schedule_id', type: 'varchar', length: 36 })
  scheduleId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'int' })
  priority: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  state: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  source: string | null;

  @Column({ name: 'rule_condition', type: 'text', nullable: true })
  condition: string | null;

  @Column({ name: 'simple_rule_type', type: 'varchar', length: 20 })
  simpleRuleType: string;

  @Column({ name: 'customer_state', type: 'varchar', length: 100, nullable: true })
  customerState: string | null;

  @Column({ name: 'flow_id', type: 'varchar', length: 100, nullable: true })
  flowId: string | null;

  @Column({ name: 'flow_params', type: 'simple-json', nullable: true })
  flowParams: Struct | null;

  @Column({ name: 'is_all_day', type: 'boolean' })
  isAllDay: boolean;

  @Column({ name: 'start_date', type: 'varchar', length: 10, nullable: true })
  startDate: string | null;

  @Column({ name: 'start_time', type: 'varchar', length: 5, nullable: true })
  startTime: string | null;

  @Column({ name: 'end_time', type: 'varchar', length: 5, nullable: true })
  endTime: string | null;

  @Column({ name: 'by_set_position', type: 'text', nullable: true })
  bySetPosition: string;

  @Column({ name: 'by_month', type: 'text', nullable: true })
  byMonth: string;

  @Column({ name: 'by_week_no', type: 'text', nullable: true })
  byWeekNo: string;

  @Column({ name: 'by_year_day', type: 'text', nullable: true })
  byYearDay: string;

  @Column({ name: 'by_month_day', type: 'text', nullable: true })
  byMonthDay: string;

  @Column({ name: 'by_day', type: 'text', nullable: true })
  byDay: string;

  @Column({ name: 'by_hour', type: 'text', nullable: true })
  byHour: string;

  @Column({ name: 'by_minute', type: 'text', nullable: true })
  byMinute: string;

  @Column({ name: 'interval_value', type: 'int' })
  interval: number;

  @Column({ name: 'count_value', type: 'int' })
  count: number;

  @Column({ name: 'until_date', type: 'varchar', length: 10, nullable: true })
  untilDate: string | null;

  @Column({ type: 'varchar', length: 10 })
  frequency: string;
}
