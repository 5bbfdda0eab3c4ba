import { Column, Entity } from 'typeorm';
import { AuditedEntity } from '../../database/audited.entity';
import { TagColor } from '../tag-color.enum';

@Entity('tags')
export class Tag extends AuditedEntity {
  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  color: TagColor;
}
