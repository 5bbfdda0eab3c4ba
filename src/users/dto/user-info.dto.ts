import { Role } from '../../common/auth/role.enum';

export class UserInfo {
  id: string;
  /** True for the caller's own session (auth/status); for other users, whether they have a live session */
  isAuthenticated: boolean;
  firstName: string | null;
  lastName: string | null;
  emailAddress: string;
  roles: Role[];
  accountIds: string[];
  accountNames: string[];
  /** For Customer users: the customer they are bound to */
  customerId: string | null;
}
