import type { FastifyRequest } from 'fastify';

export const ACCESS_COOKIE = 'ss-tok';
export const SESSION_COOKIE = 'ss-id';
export const PERMANENT_SESSION_COOKIE = 'ss-pid';
export const REFRESH_COOKIE = 'ss-reftok';

/** Every session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export const cookieOptions = (req: FastifyRequest) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: req.protocol === 'https',
});
