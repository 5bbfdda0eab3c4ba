import { EXAMPLE_LOGIN } from '../openapi/examples';
import { Operation } from '../compat/operation.decorator';
import { Body, Controller, HttpCode, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Public } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { UserInfo } from '../users/dto/user-info.dto';
import { UsersService } from '../users/users.service';
import { ACCESS_COOKIE, cookieOptions, PERMANENT_SESSION_COOKIE, REFRESH_COOKIE, SESSION_COOKIE } from './auth-cookies';
import { AuthService } from './auth.service';
import { refuseCrossSite } from './cross-site';
import { AuthenticateDto, AuthenticateResponse, GetAccessTokenDto, GetAccessTokenResponse } from './dto/authenticate.dto';
import { LoginRateLimiter } from './login-rate-limiter';

@ApiTags('Auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  /** Logs in with email and password (Authenticate, provider "credentials") */
  @Public()
  @Operation('POST', 'auth/credentials', 'Authenticate', {
    operationId: 'Authenticate_credentials',
    predefined: false,
    example: EXAMPLE_LOGIN,
    leavesCustomersUnchanged: true,
  })
  @HttpCode(200)
  credentials(@Body() dto: AuthenticateDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.authenticate(dto, req, reply);
  }

  /** Logs in (Authenticate); `provider` must be "credentials" */
  @Public()
  @Operation('POST', 'auth', 'Authenticate', {
    example: { provider: 'credentials', ...EXAMPLE_LOGIN },
    leavesCustomersUnchanged: true,
  })
  @HttpCode(200)
  async authenticate(
    @Body() dto: AuthenticateDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthenticateResponse> {
    refuseCrossSite(req, 'login');
    await this.limiter.hit(req.ip);
    const session = await this.auth.login(dto.userName, dto.password, dto.rememberMe ?? false);
    const base = cookieOptions(req);
    const persistentAge = session.persistent ? Math.floor((session.expiresAt.getTime() - Date.now()) / 1000) : undefined;
    reply.setCookie(ACCESS_COOKIE, session.accessToken, { ...base, maxAge: this.auth.accessTokenTtlSeconds });
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, { ...base, maxAge: persistentAge });
    reply.setCookie(SESSION_COOKIE, session.sessionId, base);
    reply.setCookie(PERMANENT_SESSION_COOKIE, session.sessionId, { ...base, maxAge: persistentAge });
    return {
      userId: session.userId,
      sessionId: session.sessionId,
      userName: session.userName,
      displayName: session.displayName,
      bearerToken: session.accessToken,
      refreshToken: session.refreshToken,
      roles: session.roles,
    };
  }

  /** The current session, as ServiceStack's GET /auth answers it (AuthenticateResponse, without a refresh token) */
  @ApiBearerAuth()
  @Operation('GET', 'auth', 'Authenticate', { operationId: 'Authenticate_get' })
  session(@CurrentUser() p: Principal, @Req() req: FastifyRequest): AuthenticateResponse {
    const displayName = [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email;
    const header = req.headers.authorization;
    const bearerToken = header?.startsWith('Bearer ') ? header.slice(7).trim() : (req.cookies?.[ACCESS_COOKIE] ?? '');
    return { userId: p.userId, sessionId: p.sessionId, userName: p.email, displayName, bearerToken, refreshToken: null, roles: p.roles };
  }

  /** The caller's own user (UserInfo) */
  @ApiBearerAuth()
  @Operation('GET', 'auth/status', 'GetAuthStatus')
  async status(@CurrentUser() p: Principal): Promise<UserInfo> {
    const info = await this.users.infoOf(p.userId);
    if (!info) throw ApiError.unauthorized();
    return { ...info, isAuthenticated: true };
  }

  /** Ends the caller's session: its access and refresh tokens stop working */
  @ApiBearerAuth()
  @Operation('POST', 'auth/logout', 'Logout', { leavesCustomersUnchanged: true })
  @HttpCode(200)
  async logout(@CurrentUser() p: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<Record<string, never>> {
    await this.auth.logout(p);
    for (const name of [ACCESS_COOKIE, REFRESH_COOKIE, SESSION_COOKIE, PERMANENT_SESSION_COOKIE]) reply.clearCookie(name, { path: '/' });
    return {};
  }

  /** Exchanges a refresh token for a new access token (GetAccessToken); refresh tokens rotate */
  @Public()
  @Operation('POST', 'access-token', 'GetAccessToken', {
    example: { refreshToken: 'the refreshToken a login answered' },
    leavesCustomersUnchanged: true,
  })
  @HttpCode(200)
  async accessToken(
    @Body() dto: GetAccessTokenDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GetAccessTokenResponse> {
    if (!dto.refreshToken && req.cookies?.[REFRESH_COOKIE]) refuseCrossSite(req, 'refresh by cookie');
    const presented = dto.refreshToken ?? req.cookies?.[REFRESH_COOKIE];
    if (!presented) throw ApiError.field('refreshToken', 'NotEmpty', "'Refresh Token' must not be empty.");
    const next = await this.auth.refresh(presented);
    const base = cookieOptions(req);
    reply.setCookie(ACCESS_COOKIE, next.accessToken, { ...base, maxAge: this.auth.accessTokenTtlSeconds });
    if (req.cookies?.[REFRESH_COOKIE]) reply.setCookie(REFRESH_COOKIE, next.refreshToken, base);
    return { accessToken: next.accessToken, refreshToken: next.refreshToken };
  }
}
