import { Role } from './role.enum';

/** The authenticated caller, loaded fresh from the database on each request. */
export interface Principal {
  userId: string;
  sessionId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  roles: Role[];
  /** Accounts the caller works in: a Manager's own, or a Customer user's customer's account. */
  accountIds: string[];
  /** Set for Customer users: the root of everything they may see. */
  customerId: string | null;
}

export const isAdmin = (p: Principal): boolean => p.roles.includes(Role.SystemAdministrator);
export const isManager = (p: Principal): boolean => !isAdmin(p) && p.roles.includes(Role.Manager);
/** Bound to one customer: any user that is neither an administrator nor a manager. */
export const isCustomerUser = (p: Principal): boolean => !isAdmin(p) && !isManager(p);
