import type { FastifyRequest } from 'fastify';
import { ExtractJwt } from 'passport-jwt';
import { ApiError } from '../common/errors/api-error';
import { ACCESS_COOKIE } from './auth-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** Whether a browser sent this request on behalf of another site. */
export function isCrossSite(req: FastifyRequest): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true; // "null" and other opaque origins
  }
}

/**
 * Whether the access token came from the cookie: the strategy reads a Bearer token first and
 * falls back to the cookie, so any other Authorization header (Basic, an empty Bearer) still
 * means the cookie authenticated the request.
 */
export function authenticatedByCookie(req: FastifyRequest): boolean {
  return !bearerToken(req) && !!req.cookies?.[ACCESS_COOKIE];
}

/**
 * A write authenticated by the session cookie and sent from another site is a forged request
 * (CSRF): browsers attach cookies to it, whatever other headers a page adds.
 */
export function refuseCrossSiteCookieWrite(req: FastifyRequest): void {
  if (!SAFE_METHODS.has(req.method) && authenticatedByCookie(req) && isCrossSite(req)) {
    throw ApiError.forbidden('Cross-site request refused: send the access token as a Bearer header.');
  }
}

/** Logging in, or refreshing by cookie, from another site would plant or renew a session there. */
export function refuseCrossSite(req: FastifyRequest, what: string): void {
  if (isCrossSite(req)) throw ApiError.forbidden(`Cross-site ${what} refused.`);
}
