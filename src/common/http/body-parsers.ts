import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQueryString } from 'fast-querystring';
import * as secureJson from 'secure-json-parse';
import { ApiError } from '../errors/api-error';
import { checkBodyLimits, checkJsonDepth } from './body-limits';
import { markFormBody } from './form-body';

const FORBIDDEN_KEY = /"(__proto__|constructor|prototype)"\s*:/;

/**
 * Our own JSON and form parsers (Nest's are disabled) so that a bad body gets a clear
 * ServiceStack-shaped error: keys that could reach Object.prototype are refused outright.
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  refuseOversizedBodiesCleanly(fastify, bodyLimit);
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
        checkJsonDepth(text);
      } catch (err) {
        return done(err as ApiError, undefined);
      }
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
      try {
        checkBodyLimits(parsed);
      } catch (err) {
        return done(err as ApiError, undefined);
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
      try {
        checkBodyLimits(parsed);
      } catch (err) {
        return done(err as ApiError, undefined);
      }
      done(null, markFormBody({ ...parsed }));
    },
  );
}

/** Bodies up to this many times the limit are read and dropped before the 413; larger ones are cut off. */
const DRAIN_FACTOR = 8;

/**
 * A 413 sent while the client is still uploading, followed by closing the socket, reaches most
 * clients as a connection reset instead of the 413. A body declared too large is therefore read
 * and dropped (up to DRAIN_FACTOR times the limit, bounded in time by REQUEST_TIMEOUT_MS) and
 * only then refused, so the client reads the ServiceStack-shaped 413.
 */
function refuseOversizedBodiesCleanly(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const length = Number(request.headers['content-length']);
    if (!(length > bodyLimit)) return done();
    const tooLarge = new ApiError(413, 'RequestEntityTooLarge', 'The request body is too large.');
    void reply.header('connection', 'close');
    if (length > bodyLimit * DRAIN_FACTOR) return done(tooLarge);
    request.raw.once('end', () => done(tooLarge));
    request.raw.once('error', () => done(tooLarge));
    request.raw.resume();
  });
}
