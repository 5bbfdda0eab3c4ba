import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { authConfig, AuthConfig } from '../config/auth.config';
import { ApiError } from '../common/errors/api-error';
import { Principal } from '../common/auth/principal';
import { PrincipalService } from './principal.service';
import { ACCESS_COOKIE } from './auth-cookies';

export interface AccessClaims {
  sub?: string;
  sid?: string;
  exp?: number;
}

const fromCookie = (req: FastifyRequest): string | null => req.cookies?.[ACCESS_COOKIE] ?? null;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(authConfig.KEY) cfg: AuthConfig,
    private readonly principals: PrincipalService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), fromCookie as never]),
      // A KeyObject: jsonwebtoken would re-import a string secret on every verify.
      secretOrKey: cfg.jwtKey as unknown as string,
      algorithms: ['HS256'],
      issuer: cfg.issuer,
      audience: cfg.audience,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims): Promise<Principal> {
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') {
      throw ApiError.unauthorized('Not Authenticated');
    }
    const principal = await this.principals.load(claims.sub, claims.sid);
    if (!principal) throw ApiError.unauthorized('The session has ended.');
    return principal;
  }
}
