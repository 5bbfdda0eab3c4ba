import { ServiceStackType } from '../../compat/metadata/service-stack-names';
/** Audit properties every entity response carries (ServiceStack's EntityInfo). */
@ServiceStackType({ namespace: 'Voice.Api' })
export abstract class EntityInfo {
  /** The ID of the object */
  id: string;
  /** The date the object was created (ISO 8601, UTC) */
  dateCreated: string;
  /** The date the object was last modified (ISO 8601, UTC) */
  dateLastModified: string;
  /** The user that created this object */
  createdBy: string | null;
  /** The user that last modified this object */
  lastModifiedBy: string | null;
}
