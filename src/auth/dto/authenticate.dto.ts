import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/optional.decorators';

/** ServiceStack's Authenticate request, credentials provider only */
export class AuthenticateDto {
  /** Only "credentials" is supported */
  @IsOptional()
  @IsString()
  @IsIn(['credentials'])
  provider?: string;

  /** The user's email address */
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  userName: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;

  /** Keep the session (and the ss-pid cookie) beyond this browser session */
  @IsOmittable()
  @IsBoolean()
  rememberMe?: boolean;

  /** Accepted for ServiceStack client compatibility; tokens are always also set as cookies */
  @IsOptional()
  @IsBoolean()
  useTokenCookie?: boolean;

  /** Accepted for ServiceStack client compatibility; ignored */
  @IsOptional()
  @IsObject()
  meta?: Record<string, string>;
}

export class AuthenticateResponse {
  userId: string;
  sessionId: string;
  userName: string;
  displayName: string;
  /** Short-lived access JWT; also set as the HttpOnly `ss-tok` cookie */
  bearerToken: string;
  /** Exchange at POST /access-token for a new access token; rotates on each use (null from GET /auth) */
  refreshToken: string | null;
  roles: string[];
}

export class GetAccessTokenDto {
  /** The refresh token; if left out, the `ss-reftok` cookie is used */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class GetAccessTokenResponse {
  accessToken: string;
  /** The refresh token to use next time: the one sent is no longer valid */
  refreshToken: string;
}
