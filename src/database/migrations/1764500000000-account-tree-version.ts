import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A counter on each account that every move and cascade delete in its tree raises. Writing the
 * row, rather than only locking it (`SELECT … FOR UPDATE`), makes two such changes conflict on
 * Galera too, where a lock holds on one node only but writes to one row are certified against
 * each other on all of them; creates, whose foreign key references the row, conflict with them
 * the same way.
 */
export class AccountTreeVersion1764500000000 implements MigrationInterface {
  name = 'AccountTreeVersion1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('accounts', new TableColumn({ name: 'tree_version', type: 'int', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    // TypeORM drops a SQLite column by rebuilding the table, which the foreign keys into accounts
    // forbid inside the migration's transaction; SQLite's own DROP COLUMN needs no rebuild.
    if (q.connection.driver.options.type === 'better-sqlite3') await q.query('ALTER TABLE accounts DROP COLUMN tree_version');
    else await q.dropColumn('accounts', 'tree_version');
  }
}
