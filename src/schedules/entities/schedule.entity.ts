import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A business-hours schedule owned by a customer or (as the default its customers inherit) an account. */
@Entity('schedules')
export class ScheduleRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  @Column({ name: 'customer_id', type: 'varchar', length: 36, nullable: true })
  customerId: string | null;

  @Column({ name: 'time_zone_id', type: 'varchar', length: 64 })
  timeZoneId: string;

  @Column({ type: 'boolean' })
  inherit: boolean;

  @Column({ name: 'force_closed', type: 'boolean' })
  forceClosed: boolean;

  @Column({ name: 'default_state', type: 'varchar', length: 100 })
  defaultState: string;
}
