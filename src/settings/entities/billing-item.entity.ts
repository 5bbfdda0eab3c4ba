import { Column, Entity } from 'typeorm';
import { OwnedRow } from '../../database/owned-row.entity';

/**
 * One line of a BillingSettings (e.g. `localNumbers`) owned by an account (its default) or by a
 * customer that overrides. Eleven rows make one BillingSettings.
 */
@Entity('billing_items')
export class BillingItemRow extends OwnedRow {
  @Column({ type: 'varchar', length: 40 })
  item: string;

  @Column({ name: 'base_cost', type: 'double' })
  baseCost: number;

  @Column({ name: 'raw_unit_multiplier', type: 'double' })
  rawUnitMultiplier: number;

  @Column({ name: 'unit_cost', type: 'double' })
  unitCost: number;

  @Column({ type: 'int' })
  allowance: number;
}
