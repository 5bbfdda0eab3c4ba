import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES_KEY } from '../common/auth/auth.decorators';
import { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { ApiError } from '../common/errors/api-error';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!required?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!user) return true; // public route: the authentication guard already decided
    if (user.roles.some((role) => required.includes(role))) return true;
    throw new ApiError(403, 'Forbidden', 'Invalid Role');
  }
}
