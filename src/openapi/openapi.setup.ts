import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { OperationRegistry } from '../compat/operations';
import { describeOperations } from './operation-docs';
import { authorizeFromLogin } from './swagger-login';

const PREDEFINED = /^\/(api|json\/reply|csv\/reply)\//;

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
 * `.csv` suffix or ?format=csv). Its predefined routes are the same handler; they are described
 * once rather than copied per operation.
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
  // The predefined routes are routes of every operation: described once, in the document's description.
  for (const path of Object.keys(doc.paths)) if (PREDEFINED.test(path)) delete doc.paths[path];
}

/** Swagger UI at /swagger-ui, the document at /openapi.json; both public. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Voice API')
    .setDescription(
      'Customer management for the Voice API platform, wire-compatible with its ServiceStack API. ' +
        'Log in with POST /auth/credentials ("Try it out"): the bearerToken it answers fills "Authorize" by itself. ' +
        'Every operation answers JSON or CSV (Accept: text/csv, a .csv suffix, or ?format=csv) and is also reachable ' +
        "at ServiceStack's predefined routes /api/{Operation}, /json/reply/{Operation} and /csv/reply/{Operation} " +
        '(the operationId is the operation name), with the same verb; path parameters (customerId, …) then travel as ' +
        'ordinary fields: in the query string for GET and DELETE, in the body for POST and PATCH. Errors always have the shape ' +
        '{"responseStatus": {"errorCode", "message", "errors": [{"errorCode", "fieldName", "message"}]}}.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  describeWireCompatibility(document);
  describeOperations(document, app.get(OperationRegistry).descriptors());
  SwaggerModule.setup('swagger-ui', app, document, {
    jsonDocumentUrl: 'openapi.json',
    swaggerOptions: { persistAuthorization: true, responseInterceptor: authorizeFromLogin },
  });
}
