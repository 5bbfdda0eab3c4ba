import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors/api-error';
import { IS_PUBLIC_KEY } from '../common/auth/auth.decorators';
import { refuseCrossSiteCookieWrite } from './cross-site';

/** Global: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const ok = (await super.canActivate(context)) as boolean;
    if (ok) refuseCrossSiteCookieWrite(context.switchToHttp().getRequest<FastifyRequest>());
    return ok;
  }

  override handleRequest<TUser>(err: unknown, user: TUser, info: unknown): TUser {
    // An error while loading the caller (the database is down) is not a 401: the filter maps it.
    if (err) throw err instanceof Error ? err : new Error('Authentication failed');
    if (!user) {
      const name = (info as { name?: string } | undefined)?.name;
      throw ApiError.unauthorized(name === 'TokenExpiredError' ? 'The access token has expired.' : 'Not Authenticated');
    }
    return user;
  }
}
