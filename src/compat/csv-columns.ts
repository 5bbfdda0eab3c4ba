/** The CSV header rows of the list operations, written even when a list is empty. */
const ENTITY_INFO = ['id', 'dateCreated', 'dateLastModified', 'createdBy', 'lastModifiedBy'];
export const CUSTOMER_INFO_COLUMNS = [
  'accountId',
  'parentCustomerId',
  'breadcrumb',
  'accountName',
  'isStaging',
  'name',
  'referenceId',
  'data',
  'tags',
  'schedule',
  'integrationData',
  'overrideBillingSettings',
  'billingSettings',
  'overrideAppSettings',
  'appSettings',
  ...ENTITY_INFO,
];
export const ACCOUNT_INFO_COLUMNS = ['name', 'billingSettings', 'appSettings', 'schedule', ...ENTITY_INFO];
export const USER_INFO_COLUMNS = [
  'id',
  'isAuthenticated',
  'firstName',
  'lastName',
  'emailAddress',
  'roles',
  'accountIds',
  'accountNames',
  'customerId',
];
export const TAG_INFO_COLUMNS = ['id', 'name', 'color'];
