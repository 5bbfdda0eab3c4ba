import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { CacheInvalidation } from '../common/cache/cache-invalidation.service';
import { Inject, Injectable } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { authConfig, AuthConfig } from '../config/auth.config';
import { ApiError } from '../common/errors/api-error';
import { Principal } from '../common/auth/principal';
import { toDate } from '../database/sql';
import { UsersService } from '../users/users.service';
import { verifyPassword } from '../users/password-hasher';
import { SessionRepository } from './session.repository';

export interface IssuedSession {
  userId: string;
  userName: string;
  displayName: string;
  roles: string[];
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  persistent: boolean;
  expiresAt: Date;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    @Inject(authConfig.KEY) private readonly cfg: AuthConfig,
    private readonly sessions: SessionRepository,
    private readonly users: UsersService,
    private readonly principals: CacheInvalidation,
  ) {}

  /** Wrong email and wrong password fail the same way, in the same time. */
  async login(email: string, password: string, rememberMe: boolean): Promise<IssuedSession> {
    const user = await this.users.findByEmail(email);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok) throw ApiError.unauthorized('Invalid UserName or Password');
    const sessionId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 1000 * (rememberMe ? this.cfg.refreshTokenTtlSeconds : this.cfg.sessionTtlSeconds));
    await this.sessions.insert({
      id: sessionId,
      userId: user.id,
      refreshTokenHash: sha256(secret),
      persistent: rememberMe,
      createdAt: now,
      expiresAt,
    });
    return {
      userId: user.id,
      userName: user.email,
      displayName: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email,
      roles: user.roles,
      sessionId,
      accessToken: this.signAccessToken(user.id, sessionId),
      refreshToken: `${sessionId}.${secret}`,
      persistent: rememberMe,
      expiresAt,
    };
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token. A refresh token
   * that was already used means it leaked: the whole session is ended.
   */
  async refresh(refreshToken: string): Promise<{ accessToken: string; refreshToken: string; sessionId: string }> {
    const [sessionId, secret] = refreshToken.split('.');
    if (!sessionId || !secret) throw ApiError.unauthorized('Invalid refresh token.');
    const session = await this.sessions.findById(sessionId);
    if (!session || toDate(session.expiresAt).getTime() <= Date.now()) throw ApiError.unauthorized('Invalid refresh token.');
    const presented = Buffer.from(sha256(secret));
    if (!timingSafeEqual(presented, Buffer.from(session.refreshTokenHash))) {
      await this.sessions.delete(sessionId);
      await this.principals.changed({ kind: 'session', id: sessionId });
      throw ApiError.unauthorized('Invalid refresh token.');
    }
    const nextSecret = randomBytes(32).toString('base64url');
    // Conditional on the old hash, so two concurrent uses of one token cannot both succeed.
    if (!(await this.sessions.rotate(sessionId, session.refreshTokenHash, sha256(nextSecret))))
      throw ApiError.unauthorized('Invalid refresh token.');
    return { accessToken: this.signAccessToken(session.userId, sessionId), refreshToken: `${sessionId}.${nextSecret}`, sessionId };
  }

  async logout(p: Principal): Promise<void> {
    await this.sessions.delete(p.sessionId);
    await this.principals.changed({ kind: 'session', id: p.sessionId });
  }

  get accessTokenTtlSeconds(): number {
    return this.cfg.accessTokenTtlSeconds;
  }

  private signAccessToken(userId: string, sessionId: string): string {
    return jwt.sign({ sid: sessionId }, this.cfg.jwtKey, {
      algorithm: 'HS256',
      expiresIn: this.cfg.accessTokenTtlSeconds,
      issuer: this.cfg.issuer,
      audience: this.cfg.audience,
      subject: userId,
    });
  }
}
