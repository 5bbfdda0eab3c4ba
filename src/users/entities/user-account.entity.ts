import { Entity, PrimaryColumn } from 'typeorm';

/** The accounts a Manager (or SystemAdministrator) belongs to. */
@Entity('user_accounts')
export class UserAccount {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;
}
