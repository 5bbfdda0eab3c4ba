import { Column, Entity } from 'typeorm';
import { AuditedEntity } from '../../database/audited.entity';
import type { IntegrationDataMap, Struct } from '../../common/struct/struct.types';

@Entity('customers')
export class Customer extends AuditedEntity {
  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'parent_customer_id', type: 'varchar', length: 36, nullable: true })
  parentCustomerId: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'reference_id', type: 'varchar', length: 200, nullable: true })
  referenceId: string | null;

  @Column({ name: 'is_staging', type: 'boolean', default: false })
  isStaging: boolean;

  @Column({ type: 'simple-json', nullable: true })
  data: Struct | null;

  @Column({ name: 'integration_data', type: 'simple-json', nullable: true })
  integrationData: IntegrationDataMap | null;

  @Column({ name: 'override_billing_settings', type: 'boolean', default: false })
  overrideBillingSettings: boolean;

  @Column({ name: 'override_app_settings', type: 'boolean', default: false })
  overrideAppSettings: boolean;
}
