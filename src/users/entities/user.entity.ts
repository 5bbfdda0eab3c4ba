import { Column, Entity } from 'typeorm';
import { AuditedEntity } from '../../database/audited.entity';
import { Role } from '../../common/auth/role.enum';

@Entity('users')
export class User extends AuditedEntity {
  /** Stored lower-cased: an email exists once in the system whatever its case. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100, nullable: true })
  firstName: string | null;

  @Column({ name: 'last_name', type: 'varchar', length: 100, nullable: true })
  lastName: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'simple-array' })
  roles: Role[];

  @Column({ name: 'customer_id', type: 'varchar', length: 36, nullable: true })
  customerId: string | null;
}
