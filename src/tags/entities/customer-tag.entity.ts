import { Entity, PrimaryColumn } from 'typeorm';

@Entity('customer_tags')
export class CustomerTag {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @PrimaryColumn({ name: 'tag_id', type: 'varchar', length: 36 })
  tagId: string;
}
