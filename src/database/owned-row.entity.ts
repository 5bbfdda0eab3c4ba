import { Column, PrimaryColumn } from 'typeorm';

/**
 * A row owned either by an account (the default its customers inherit) or by one customer
 * (its override); exactly one of the two is set, and it cascades away with its owner.
 */
export abstract class OwnedRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  @Column({ name: 'customer_id', type: 'varchar', length: 36, nullable: true })
  customerId: string | null;
}
