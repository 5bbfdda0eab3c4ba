import type { OpenAPIObject } from '@nestjs/swagger';
import { Role } from '../common/auth/role.enum';
import type { OperationDescriptor } from '../compat/metadata/operation-descriptor';
import { EXAMPLE_DATA } from './examples';

type Json = Record<string, any>;

/** Resources in the order a newcomer meets them. */
const TAGS: [string, string][] = [
  ['Auth', 'Log in (then use "Authorize"), refresh a token, log out.'],
  ['Accounts', 'Reseller accounts: the top of every customer tree, with billing and app settings their customers inherit.'],
  ['Customers', 'Customers in a tree under an account: tags, data, settings and a schedule inherited from parents.'],
  ['Schedules', 'Business hours: is a customer open now, and when does that change?'],
  ['Tags', "Colored labels, per account, attached to that account's customers."],
  ['Users', 'Who may sign in, with which roles, in which account or customer.'],
  ['Health', 'For load balancers: 200 while the database answers.'],
];

const ERROR_SCHEMAS = {
  ResponseError: {
    type: 'object',
    properties: {
      errorCode: { type: 'string', example: 'NotEmpty' },
      fieldName: { type: 'string', example: 'Name' },
      message: { type: 'string' },
    },
  },
  ResponseStatus: {
    type: 'object',
    properties: {
      errorCode: { type: 'string', example: 'ValidationException' },
      message: { type: 'string' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/ResponseError' } },
    },
  },
  ErrorResponse: {
    type: 'object',
    description: "ServiceStack's error shape; every error the API answers has it.",
    properties: { responseStatus: { $ref: '#/components/schemas/ResponseStatus' } },
  },
  Value: {
    type: 'object',
    description: 'One value of a Struct: exactly one of its properties is set.',
    properties: {
      stringValue: { type: 'string' },
      numberValue: { type: 'number' },
      boolValue: { type: 'boolean' },
      structValue: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Value' } },
      listValue: { type: 'array', items: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Value' } } },
    },
  },
};

const error = (description: string, errorCode: string, message: string, errors: Json[] = []): Json => ({
  description,
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ErrorResponse' },
      example: { responseStatus: { errorCode, message, errors } },
    },
  },
});

/** The errors an operation can answer, from what its declaration says it takes and who may call it. */
function errorResponses(op: OperationDescriptor, takesInput: boolean): Json {
  const write = op.method !== 'GET';
  const out: Json = {};
  if (takesInput)
    out['400'] = error('The request is invalid: each field error names its field', 'NotEmpty', "'Name' must not be empty.", [
      { errorCode: 'NotEmpty', fieldName: 'Name', message: "'Name' must not be empty." },
    ]);
  if (!op.isPublic || op.name === 'Authenticate')
    out['401'] = error('Not signed in, or the session has ended', 'Unauthorized', 'Not authenticated.');
  if (!op.isPublic) out['403'] = error("The caller's role or scope does not allow it", 'Forbidden', 'Access denied.');
  if (op.path.includes(':')) out['404'] = error("No such resource in the caller's scope", 'NotFound', 'Customer not found.');
  if (write)
    out['409'] = error(
      'A unique value is taken, or a request with the same Idempotency-Key is still running',
      'Conflict',
      'A record with the same unique value already exists.',
    );
  if (op.method === 'PATCH' || op.method === 'DELETE')
    out['412'] = error('If-Match named an older ETag: nothing changed', 'PreconditionFailed', 'The resource has changed.');
  if (op.name === 'Authenticate')
    out['429'] = error('Too many login attempts from this address', 'TooManyRequests', 'Too many login attempts.');
  out['503'] = error(
    'The database is unavailable; retry (with the same Idempotency-Key for writes)',
    'ServiceUnavailable',
    'The database is unavailable. Try again shortly.',
  );
  return out;
}

function rolesOf(op: OperationDescriptor): string[] {
  if (op.isPublic) return [];
  return op.roles.length ? op.roles : Object.values(Role);
}

const who = (op: OperationDescriptor): string =>
  op.isPublic ? '**Who may call it:** anyone (no sign-in).' : `**Roles:** ${rolesOf(op).join(', ')} (any of them).`;

/** Struct fields (`data`, `flowParams`) are free-form objects to the plugin: say what their values are. */
function describeStructs(doc: OpenAPIObject): void {
  for (const schema of Object.values(doc.components?.schemas ?? {}) as Json[]) {
    for (const property of Object.values<Json>(schema.properties ?? {})) {
      if (property.type !== 'object' || property.additionalProperties !== true) continue;
      property.additionalProperties = { $ref: '#/components/schemas/Value' };
      property.example ??= EXAMPLE_DATA;
      property.description =
        `${property.description ?? ''} (a Struct: each key holds one Value, e.g. {"plan": {"stringValue": "gold"}})`.trim();
    }
  }
}

/**
 * What the decorators cannot say, added from the operation declarations: who may call each
 * operation (in its description and as `x-roles`), the errors it answers in ServiceStack's shape,
 * a request example the API accepts, and resources in a sensible order.
 */
export function describeOperations(doc: OpenAPIObject, operations: OperationDescriptor[]): void {
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  Object.assign(((doc.components ??= {}).schemas ??= {}), ERROR_SCHEMAS);
  doc.tags = TAGS.map(([name, description]) => ({ name, description }));
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item) as Json[]) {
      const op = byId.get(operation?.operationId);
      if (!op) continue;
      operation.description = [operation.description, who(op)].filter(Boolean).join('\n\n');
      operation['x-roles'] = rolesOf(op);
      const takesInput = !!operation.requestBody || (operation.parameters ?? []).some((p: Json) => p.in === 'query' && p.name !== 'format');
      operation.responses = { ...operation.responses, ...errorResponses(op, takesInput) };
      const json = operation.requestBody?.content?.['application/json'];
      if (json && op.example) json.example = op.example;
      if (op.path.startsWith('customers/:customerId/') && /Schedule/.test(op.name)) operation.tags = ['Schedules'];
    }
  }
  describeStructs(doc);
}
