import { Column, Entity } from 'typeorm';
import { AuditedEntity } from '../../database/audited.entity';

@Entity('accounts')
export class Account extends AuditedEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;
}
