import { Column, Entity } from 'typeorm';
import { OwnedRow } from '../../database/owned-row.entity';

/** A business-hours schedule owned by a customer or (as the default its customers inherit) an account. */
@Entity('schedules')
export class ScheduleRow extends OwnedRow {
  @Column({ name: 'time_zone_id', type: 'varchar', length: 64 })
  timeZoneId: string;

  @Column({ type: 'boolean' })
  inherit: boolean;

  @Column({ name: 'force_closed', type: 'boolean' })
  forceClosed: boolean;

  @Column({ name: 'default_state', type: 'varchar', length: 100 })
  defaultState: string;
}
