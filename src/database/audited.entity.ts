import { Column, PrimaryColumn } from 'typeorm';

/** Id and audit columns shared by every top-level record (ServiceStack's EntityInfo). */
export abstract class AuditedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'date_created', type: 'datetime', precision: 3 })
  dateCreated: Date;

  @Column({ name: 'date_last_modified', type: 'datetime', precision: 3 })
  dateLastModified: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  @Column({ name: 'last_modified_by', type: 'varchar', length: 36, nullable: true })
  lastModifiedBy: string | null;
}
