import { Column, Entity } from 'typeorm';
import { OwnedRow } from '../../database/owned-row.entity';

/** Portal settings owned by an account (its default) or by a customer that overrides. */
@Entity('app_settings')
export class AppSettingsRow extends OwnedRow {
  @Column({ name: 'enable_phone_number_management', type: 'boolean' })
  enablePhoneNumberManagement: boolean;

  @Column({ name: 'enable_device_management', type: 'boolean' })
  enableDeviceManagement: boolean;

  @Column({ name: 'enable_dialer', type: 'boolean' })
  enableDialer: boolean;

  @Column({ name: 'enable_call_history', type: 'boolean' })
  enableCallHistory: boolean;

  @Column({ name: 'enable_assistants', type: 'boolean' })
  enableAssistants: boolean;

  @Column({ name: 'show_file_name_in_message_center', type: 'boolean' })
  showFileNameInMessageCenter: boolean;

  @Column({ name: 'chakra_theme', type: 'varchar', length: 100, nullable: true })
  chakraTheme: string | null;

  @Column({ name: 'custom_css', type: 'text', nullable: true })
  customCss: string | null;

  @Column({ name: 'page_title', type: 'varchar', length: 200, nullable: true })
  pageTitle: string | null;

  @Column({ name: 'string_mappings', type: 'text', nullable: true })
  stringMappings: string | null;

  @Column({ name: 'logout_url', type: 'varchar', length: 2000, nullable: true })
  logoutUrl: string | null;

  @Column({ name: 'port_my_number_url', type: 'varchar', length: 2000, nullable: true })
  portMyNumberUrl: string | null;
}
