import type { HttpVerb } from '../operation.decorator';

export type DtoClass = abstract new (...args: never[]) => unknown;

/** One controller method's operation, as the registry finds it: all that the metadata is built from. */
export interface OperationDescriptor {
  name: string;
  operationId: string;
  example?: object;
  method: HttpVerb;
  /** As Fastify matches it: `customers/:customerId`. */
  path: string;
  /** The method's JSDoc, through the Swagger plugin. */
  summary?: string;
  /** Roles of which the caller needs one; empty when any authenticated caller may. */
  roles: string[];
  isPublic: boolean;
  /** The feature (the controller's first OpenAPI tag): `Customers`. */
  feature: string;
  body?: DtoClass;
  query?: DtoClass;
  /** The 200 response's class; none when the operation answers nothing (`{}`). */
  response?: DtoClass;
}
