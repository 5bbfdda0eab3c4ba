import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { hasBodyPathParams, OPERATIONS, pathParams } from './compat/operations';

type OperationObject = Record<string, unknown> & {
  parameters?: Record<string, unknown>[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

const FORMAT_PARAMETER = {
  name: 'format',
  in: 'query',
  required: false,
  description: 'Response format; the same as a `.json`/`.csv` suffix on the path or an `Accept` header',
  schema: { type: 'string', enum: ['json', 'csv'] },
};

/**
 * What the decorators cannot say: every operation also answers in CSV (Accept: text/csv, a
 * `.csv` suffix or ?format=csv), and is reachable at ServiceStack's predefined routes.
 */
function describeWireCompatibility(doc: OpenAPIObject): void {
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item) as OperationObject[]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      op.parameters = [...(op.parameters ?? []), FORMAT_PARAMETER];
      for (const [status, response] of Object.entries(op.responses)) {
        if (status.startsWith('2') && response.content)
          response.content['text/csv'] = { schema: { type: 'string', description: 'RFC 4180 CSV: a header row, then one row per item' } };
      }
    }
  }
  for (const [name, route] of Object.entries(OPERATIONS)) {
    if (hasBodyPathParams(route)) continue; // documented by PredefinedRoutesController itself
    const custom = doc.paths[route.path]?.[route.method.toLowerCase() as 'get'] as OperationObject | undefined;
    if (!custom) continue;
    const names = pathParams(route.path);
    const parameters = (custom.parameters ?? []).map((p) => (names.includes(p.name as string) ? { ...p, in: 'query' } : p));
    for (const prefix of ['/api/', '/json/reply/']) {
      doc.paths[`${prefix}${name}`] = {
        [route.method.toLowerCase()]: {
          ...custom,
          parameters,
          operationId: `${name}_${prefix.replace(/\//g, '')}`,
          tags: ['Predefined routes'],
          summary: `${name} (predefined route of ${route.method} ${route.path})`,
        },
      };
    }
  }
}

/** Swagger UI at /swagger-ui, the document at /openapi.json; both public. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Voice API')
    .setDescription(
      'Customer management for the Voice API platform, wire-compatible with its ServiceStack API. ' +
        'Log in with POST /auth/credentials, then use "Authorize" with the bearerToken. ' +
        'Every operation answers JSON or CSV (Accept: text/csv, a .csv suffix, or ?format=csv) and is also reachable ' +
        'at /api/{Operation} and /json/reply/{Operation}. Errors always have the shape ' +
        '{"responseStatus": {"errorCode", "message", "errors": [{"errorCode", "fieldName", "message"}]}}.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  describeWireCompatibility(document);
  SwaggerModule.setup('swagger-ui', app, document, {
    jsonDocumentUrl: 'openapi.json',
    swaggerOptions: { persistAuthorization: true },
  });
}
