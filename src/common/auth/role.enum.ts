export enum Role {
  SystemAdministrator = 'SystemAdministrator',
  Manager = 'Manager',
  Customer = 'Customer',
}
