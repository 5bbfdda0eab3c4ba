import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Closure table of the customer hierarchy: one row per (ancestor, descendant) pair, including
 * each customer with itself at depth 0. A breadcrumb or a subtree check is one indexed query.
 */
@Entity('customer_closure')
export class CustomerClosure {
  @PrimaryColumn({ name: 'ancestor_id', type: 'varchar', length: 36 })
  ancestorId: string;

  @PrimaryColumn({ name: 'descendant_id', type: 'varchar', length: 36 })
  descendantId: string;

  @Column({ type: 'int' })
  depth: number;

  /** The descendant's name, so that a subtree is read in name order from one index. */
  @Column({ name: 'descendant_name', type: 'varchar', length: 200 })
  descendantName: string;
}
