import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = true): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const bool = (name: string, fallback = false): TableColumnOptions => ({ name, type: 'boolean', default: fallback ? '1' : '0' });
const int = (name: string): TableColumnOptions => ({ name, type: 'int' });
const date = (name: string): TableColumnOptions => ({ name, type: 'datetime', precision: 3 });
const audit: TableColumnOptions[] = [
  date('date_created'),
  date('date_last_modified'),
  ref('created_by', true),
  ref('last_modified_by', true),
];
// TEXT: eight varchar(2000) utf8mb4 lists would pass MySQL's 65,535-byte row limit.
const intList = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true });

const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'CASCADE') =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

/**
 * The whole schema, written with TypeORM's Table API so that it runs unchanged on SQLite and
 * MySQL/MariaDB. Foreign keys cascade from customers and accounts so deletes leave no orphans;
 * `customers.parent_customer_id` does not cascade: subtree deletes are done deepest first on purpose.
 */
export class InitialSchema1764200000000 implements MigrationInterface {
  name = 'InitialSchema1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'accounts', columns: [id(), text('name', 200, false), ...audit] }));

    await q.createTable(
      new Table({
        name: 'customers',
        columns: [
          id(),
          ref('account_id'),
          ref('parent_customer_id', true),
          text('name', 200, false),
          text('reference_id', 200),
          bool('is_staging'),
          { name: 'data', type: 'text', isNullable: true },
          { name: 'integration_data', type: 'text', isNullable: true },
          bool('override_billing_settings'),
          bool('override_app_settings'),
          ...audit,
        ],
        foreignKeys: [fk('account_id', 'accounts', 'RESTRICT'), fk('parent_customer_id', 'customers', 'RESTRICT')],
        indices: [
          new TableIndex({ name: 'UQ_customers_account_reference', columnNames: ['account_id', 'reference_id'], isUnique: true }),
          new TableIndex({ name: 'IDX_customers_account_name', columnNames: ['account_id', 'name'] }),
          new TableIndex({ name: 'IDX_customers_parent', columnNames: ['parent_customer_id'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'customer_closure',
        columns: [{ ...ref('ancestor_id'), isPrimary: true }, { ...ref('descendant_id'), isPrimary: true }, int('depth')],
        foreignKeys: [fk('ancestor_id', 'customers'), fk('descendant_id', 'customers')],
        indices: [new TableIndex({ name: 'IDX_closure_descendant_depth', columnNames: ['descendant_id', 'depth'] })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'tags',
        columns: [id(), ref('account_id'), text('name', 100, false), text('color', 20, false), ...audit],
        foreignKeys: [fk('account_id', 'accounts')],
        indices: [new TableIndex({ name: 'UQ_tags_account_name', columnNames: ['account_id', 'name'], isUnique: true })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'customer_tags',
        columns: [
          { ...ref('customer_id'), isPrimary: true },
          { ...ref('tag_id'), isPrimary: true },
        ],
        foreignKeys: [fk('customer_id', 'customers'), fk('tag_id', 'tags')],
        indices: [new TableIndex({ name: 'IDX_customer_tags_tag', columnNames: ['tag_id', 'customer_id'] })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'billing_items',
        columns: [
          id(),
          ref('account_id', true),
          ref('customer_id', true),
          text('item', 40, false),
          { name: 'base_cost', type: 'double' },
          { name: 'raw_unit_multiplier', type: 'double' },
          { name: 'unit_cost', type: 'double' },
          int('allowance'),
        ],
        foreignKeys: [fk('account_id', 'accounts'), fk('customer_id', 'customers')],
        indices: [
          new TableIndex({ name: 'UQ_billing_items_account', columnNames: ['account_id', 'item'], isUnique: true }),
          new TableIndex({ name: 'UQ_billing_items_customer', columnNames: ['customer_id', 'item'], isUnique: true }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'app_settings',
        columns: [
          id(),
          ref('account_id', true),
          ref('customer_id', true),
          bool('enable_phone_number_management'),
          bool('enable_device_management'),
          bool('enable_dialer'),
          bool('enable_call_history'),
          bool('enable_assistants'),
          bool('show_file_name_in_message_center'),
          text('chakra_theme', 100),
          { name: 'custom_css', type: 'text', isNullable: true },
          text('page_title', 200),
          { name: 'string_mappings', type: 'text', isNullable: true },
          text('logout_url', 2000),
          text('port_my_number_url', 2000),
        ],
        foreignKeys: [fk('account_id', 'accounts'), fk('customer_id', 'customers')],
        indices: [
          new TableIndex({ name: 'UQ_app_settings_account', columnNames: ['account_id'], isUnique: true }),
          new TableIndex({ name: 'UQ_app_settings_customer', columnNames: ['customer_id'], isUnique: true }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'schedules',
        columns: [
          id(),
          ref('account_id', true),
          ref('customer_id', true),
          text('time_zone_id', 64, false),
          bool('inherit'),
          bool('force_closed'),
          text('default_state', 100, false),
        ],
        foreignKeys: [fk('account_id', 'accounts'), fk('customer_id', 'customers')],
        indices: [
          new TableIndex({ name: 'UQ_schedules_account', columnNames: ['account_id'], isUnique: true }),
          new TableIndex({ name: 'UQ_schedules_customer', columnNames: ['customer_id'], isUnique: true }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'scheduling_rules',
        // Rule ids come from clients, so they are unique per schedule, not globally.
        columns: [
          { ...ref('schedule_id'), isPrimary: true },
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          int('position'),
          text('name', 200),
          int('priority'),
          text('state', 100),
          text('source', 200),
          { name: 'rule_condition', type: 'text', isNullable: true },
          text('simple_rule_type', 20, false),
          text('customer_state', 100),
          text('flow_id', 100),
          { name: 'flow_params', type: 'text', isNullable: true },
          bool('is_all_day'),
          text('start_date', 10),
          text('start_time', 5),
          text('end_time', 5),
          intList('by_set_position'),
          intList('by_month'),
          intList('by_week_no'),
          intList('by_year_day'),
          intList('by_month_day'),
          intList('by_day'),
          intList('by_hour'),
          intList('by_minute'),
          int('interval_value'),
          int('count_value'),
          text('until_date', 10),
          text('frequency', 10, false),
        ],
        foreignKeys: [fk('schedule_id', 'schedules')],
        indices: [new TableIndex({ name: 'IDX_rules_schedule', columnNames: ['schedule_id', 'position'] })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          text('email', 254, false),
          text('first_name', 100),
          text('last_name', 100),
          text('password_hash', 255, false),
          text('roles', 200, false),
          ref('customer_id', true),
          ...audit,
        ],
        foreignKeys: [fk('customer_id', 'customers')],
        indices: [new TableIndex({ name: 'UQ_users_email', columnNames: ['email'], isUnique: true })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'user_accounts',
        columns: [
          { ...ref('user_id'), isPrimary: true },
          { ...ref('account_id'), isPrimary: true },
        ],
        foreignKeys: [fk('user_id', 'users'), fk('account_id', 'accounts')],
        indices: [new TableIndex({ name: 'IDX_user_accounts_account', columnNames: ['account_id'] })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [id(), ref('user_id'), text('refresh_token_hash', 64, false), bool('persistent'), date('created_at'), date('expires_at')],
        foreignKeys: [fk('user_id', 'users')],
        indices: [new TableIndex({ name: 'IDX_sessions_user', columnNames: ['user_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'sessions',
      'user_accounts',
      'users',
      'scheduling_rules',
      'schedules',
      'app_settings',
      'billing_items',
      'customer_tags',
      'tags',
      'customer_closure',
      'customers',
      'accounts',
    ]) {
      await q.dropTable(table);
    }
  }
}
