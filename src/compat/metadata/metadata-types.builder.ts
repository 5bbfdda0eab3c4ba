import { DtoTypeReader } from './dto-type-reader';
import { MetadataOperationType, MetadataTypes } from './metadata-types';
import { OperationDescriptor } from './operation-descriptor';
import { ROOT_NAMESPACE } from './service-stack-names';

/** `customers/:customerId` → `/customers/{customerId}`. */
export const routePath = (path: string): string => `/${path.replace(/:(\w+)/g, '{$1}')}`;
export const pathParamsOf = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);

/** "Creates a new customer (NewCustomer)" → "Creates a new customer". */
const describe = (summary: string | undefined, name: string): string | undefined =>
  summary?.replace(new RegExp(`\\s*\\(${name}[^)]*\\)\\s*$`), '').trim() || undefined;

/**
 * ServiceStack's MetadataTypes for every declared operation, read from the operation declarations
 * and their DTO classes. An operation declared on several methods (Authenticate) is one
 * operation with several routes; its request is that of the first declaration.
 */
export function buildMetadataTypes(descriptors: OperationDescriptor[], baseUrl: string): MetadataTypes {
  const reader = new DtoTypeReader();
  const operations = new Map<string, MetadataOperationType>();
  for (const op of descriptors) {
    const known = operations.get(op.name);
    const route = { path: routePath(op.path), verbs: op.method };
    if (known) {
      if (!known.routes.some((r) => r.path === route.path && r.verbs === route.verbs)) known.routes.push(route);
      if (!known.actions.includes(op.method)) known.actions.push(op.method);
      continue;
    }
    const namespace = `${ROOT_NAMESPACE}.${op.feature}`;
    const dtos = [op.body, op.query].filter((d): d is NonNullable<typeof d> => d !== undefined);
    const request = reader.request(op.name, namespace, describe(op.summary, op.name), pathParamsOf(op.path), dtos);
    const response = op.response ? reader.typeOf(op.response, namespace) : undefined;
    operations.set(op.name, {
      request,
      ...(response ? { response } : {}),
      actions: [op.method],
      method: op.method,
      returnsVoid: !response,
      routes: [route],
      requiresAuth: !op.isPublic,
      requiresAnyRole: op.roles,
      tags: [op.feature],
    });
  }
  const types = [...reader.types.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const requests = [...operations.values()].map((o) => o.request);
  return {
    config: { baseUrl },
    namespaces: [...new Set([...types, ...requests].map((t) => t.namespace))].sort(),
    operations: [...operations.values()],
    types,
  };
}
