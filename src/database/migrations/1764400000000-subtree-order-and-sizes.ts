import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * What a list page of a huge subtree needs to cost what a small one does (bench/hierarchy.js):
 * - each closure row carries its descendant's name, so `(ancestor_id, descendant_name,
 *   descendant_id)` walks a subtree already in the default sort order and stops after one page;
 * - `customer_subtree_sizes` keeps each customer's subtree size (itself included) as a few
 *   counters, so a page's `totalCount` is a sum of at most SUBTREE_SIZE_SHARDS rows. A write adds
 *   its change to one randomly chosen counter per ancestor, so creates under one root rarely
 *   wait on the same row (and on Galera rarely conflict at certification).
 */
export class SubtreeOrderAndSizes1764400000000 implements MigrationInterface {
  name = 'SubtreeOrderAndSizes1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'customer_closure',
      new TableColumn({ name: 'descendant_name', type: 'varchar', length: '200', isNullable: false, default: "''" }),
    );
    await q.query(
      'UPDATE customer_closure SET descendant_name = (SELECT c.name FROM customers c WHERE c.id = customer_closure.descendant_id)',
    );
    await q.createIndex(
      'customer_closure',
      new TableIndex({ name: 'IDX_closure_ancestor_name', columnNames: ['ancestor_id', 'descendant_name', 'descendant_id'] }),
    );
    await q.createTable(
      new Table({
        name: 'customer_subtree_sizes',
        columns: [
          { name: 'customer_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'shard', type: 'int', isPrimary: true },
          { name: 'size', type: 'int' },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['customer_id'],
            referencedTableName: 'customers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await q.query(
      'INSERT INTO customer_subtree_sizes (customer_id, shard, size) SELECT ancestor_id, 0, COUNT(*) FROM customer_closure GROUP BY ancestor_id',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('customer_subtree_sizes');
    await q.dropIndex('customer_closure', 'IDX_closure_ancestor_name');
    await q.dropColumn('customer_closure', 'descendant_name');
  }
}
