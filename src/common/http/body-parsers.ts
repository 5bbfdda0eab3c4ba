import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQueryString } from 'fast-querystring';
import * as secureJson from 'secure-json-parse';
import { ApiError } from '../errors/api-error';
import { markFormBody } from './form-body';

const FORBIDDEN_KEY = /"(__proto__|constructor|prototype)"\s*:/;

/**
 * Our own JSON and form parsers (Nest's are disabled) so that a bad body gets a clear
 * ServiceStack-shaped error: keys that could reach Object.prototype are refused outright.
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  // Fastify's own text/plain parser would hand a string to a DTO: refuse it with a 415 instead.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (_req: FastifyRequest, body: string | Buffer, done) => {
      const text = body.toString();
      if (text.trim() === '') return done(null, {});
      let parsed: unknown;
      try {
        parsed = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch (err) {
        const match = FORBIDDEN_KEY.exec(text);
        if (match) {
          return done(ApiError.field(match[1], 'NotAllowed', `'${match[1]}' is not an allowed property name.`), undefined);
        }
        return done(
          new ApiError(400, 'SerializationException', `The request body is not valid JSON: ${(err as Error).message}`),
          undefined,
        );
      }
      // Every request DTO is an object: an array, a string or null is one clear error, not a field list.
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return done(new ApiError(400, 'SerializationException', 'The request body must be a JSON object.'), undefined);
      }
      done(null, parsed);
    },
  );
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit },
    (_req: FastifyRequest, body: string | Buffer, done) => {
      const parsed = parseQueryString(body.toString()) as Record<string, unknown>;
      const bad = Object.keys(parsed).find((k) => k === '__proto__' || k === 'constructor' || k === 'prototype');
      if (bad) return done(ApiError.field(bad, 'NotAllowed', `'${bad}' is not an allowed property name.`), undefined);
      done(null, markFormBody({ ...parsed }));
    },
  );
}
