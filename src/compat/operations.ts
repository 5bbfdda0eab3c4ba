export type HttpVerb = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface OperationRoute {
  method: HttpVerb;
  /** Custom route, with `{param}` placeholders named as in the request DTO. */
  path: string;
  /** For lists: the CSV header row, written even when there are no items. */
  columns?: readonly string[];
}

const ENTITY_INFO = ['id', 'dateCreated', 'dateLastModified', 'createdBy', 'lastModifiedBy'];
const CUSTOMER_INFO = [
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
const ACCOUNT_INFO = ['name', 'billingSettings', 'appSettings', 'schedule', ...ENTITY_INFO];
const USER_INFO = ['id', 'isAuthenticated', 'firstName', 'lastName', 'emailAddress', 'roles', 'accountIds', 'accountNames', 'customerId'];
const TAG_INFO = ['id', 'name', 'color'];

/**
 * Every operation by its ServiceStack name and custom route. The predefined routes
 * (`/api/{Operation}`, `/json/reply/{Operation}`) and CSV file names are derived from this table.
 */
export const OPERATIONS: Record<string, OperationRoute> = {
  Authenticate: { method: 'POST', path: '/auth' },
  GetAccessToken: { method: 'POST', path: '/access-token' },
  GetAuthStatus: { method: 'GET', path: '/auth/status' },
  Logout: { method: 'POST', path: '/auth/logout' },
  NewCustomer: { method: 'POST', path: '/customers' },
  ListCustomers: { method: 'GET', path: '/customers', columns: CUSTOMER_INFO },
  GetCustomer: { method: 'GET', path: '/customers/{customerId}' },
  PatchCustomer: { method: 'PATCH', path: '/customers/{customerId}' },
  DeleteCustomer: { method: 'DELETE', path: '/customers/{customerId}' },
  SetCustomerStagingMode: { method: 'POST', path: '/customers/{customerId}/staging' },
  GetInheritedSchedule: { method: 'GET', path: '/customers/{customerId}/inherited-schedule' },
  TestSchedule: { method: 'POST', path: '/customers/{customerId}/test-schedule' },
  GetScheduleState: { method: 'GET', path: '/customers/{customerId}/schedule-state' },
  ListAccounts: { method: 'GET', path: '/accounts', columns: ACCOUNT_INFO },
  GetAccount: { method: 'GET', path: '/accounts/{accountId}' },
  NewAccount: { method: 'POST', path: '/accounts' },
  PatchAccount: { method: 'PATCH', path: '/accounts/{accountId}' },
  DeleteAccount: { method: 'DELETE', path: '/accounts/{accountId}' },
  ListTags: { method: 'GET', path: '/tags', columns: TAG_INFO },
  NewTag: { method: 'POST', path: '/tags' },
  PatchTag: { method: 'PATCH', path: '/tags/{tagId}' },
  DeleteTag: { method: 'DELETE', path: '/tags/{tagId}' },
  ListUsers: { method: 'GET', path: '/users', columns: USER_INFO },
  GetUser: { method: 'GET', path: '/users/{userId}' },
  NewUser: { method: 'POST', path: '/users' },
  PatchUser: { method: 'PATCH', path: '/users/{userId}' },
  DeleteUser: { method: 'DELETE', path: '/users/{userId}' },
};

const VERB_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const routePatterns = Object.values(OPERATIONS).map((r) => ({
  method: r.method,
  pattern: new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}(?:\\.(?:json|csv))?$`),
}));

/** The verbs a known route takes (for a 405 with Allow), or none when no route has that path. */
export function allowedMethods(path: string): string[] {
  const bare = path.split('?')[0];
  const extra = bare === '/auth/credentials' ? ['POST'] : bare === '/auth' ? ['GET', 'POST'] : [];
  const verbs = new Set([...routePatterns.filter((r) => r.pattern.test(bare)).map((r) => r.method), ...extra]);
  return VERB_ORDER.filter((v) => verbs.has(v));
}

/** The operation of that name; own properties only, so `/api/constructor` finds nothing. */
export const findOperation = (name: string): OperationRoute | undefined => (Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined);

export const pathParams = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** Operations whose path parameters travel in the body: they get explicit predefined handlers. */
export const hasBodyPathParams = (route: OperationRoute): boolean =>
  route.method !== 'GET' && route.method !== 'DELETE' && pathParams(route.path).length > 0;

const byRoute = new Map(Object.entries(OPERATIONS).map(([name, r]) => [`${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`, name]));

/** The operation name of a matched Fastify route (`GET /customers/:customerId` → `GetCustomer`). */
export function operationOf(method: string, routeUrl: string | undefined): string | undefined {
  if (!routeUrl) return undefined;
  const predefined = /\/(?:api|json\/reply|csv\/reply)\/(\w+)$/.exec(routeUrl);
  if (predefined && findOperation(predefined[1])) return predefined[1];
  return byRoute.get(`${method} ${routeUrl}`) ?? (routeUrl === '/auth/credentials' ? 'Authenticate' : undefined);
}
