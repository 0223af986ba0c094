import { ServiceConfig, ToInt } from '@housef3/platform';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';

/** The gateway's environment: the common variables plus identity (Cognito in production). */
export class GatewayConfig extends ServiceConfig {
  @ToInt() @IsInt() @Min(1) @Max(65535) override HTTP_PORT: number = 3000;

  /** the `iss` claim, e.g. https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf */
  @IsString() @MinLength(1) AUTH_ISSUER!: string;
  /** the Cognito app client id: `aud` of ID tokens, `client_id` of access tokens */
  @IsString() @MinLength(1) AUTH_AUDIENCE!: string;
  /** which Cognito token the API accepts */
  @IsIn(['id', 'access']) AUTH_TOKEN_USE: 'id' | 'access' = 'id';
  /** JWKS URL (production: `${AUTH_ISSUER}/.well-known/jwks.json`); set this or AUTH_JWKS_FILE */
  @ValidateIf((c: GatewayConfig) => !c.AUTH_JWKS_FILE)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] }, { message: 'AUTH_JWKS_URL must be a URL (or set AUTH_JWKS_FILE)' })
  AUTH_JWKS_URL?: string;
  /** a local JWKS file (the local stack's own keys) */
  @IsOptional() @IsString() AUTH_JWKS_FILE?: string;
  @ToInt() @IsInt() @Min(0) @Max(300) AUTH_CLOCK_TOLERANCE_S: number = 5;
  /** age after which the JWKS is fetched again (in the background; the last good set is served meanwhile), ms */
  @ToInt() @IsInt() @Min(100) @Max(24 * 3600 * 1000) AUTH_JWKS_REFRESH_MS: number = 600000;
  /** at most one JWKS fetch per this interval (unknown key ids, failing provider), ms */
  @ToInt() @IsInt() @Min(0) @Max(3600 * 1000) AUTH_JWKS_COOLDOWN_MS: number = 30000;
  /** a JWKS fetch that takes longer fails, ms */
  @ToInt() @IsInt() @Min(100) @Max(60000) AUTH_JWKS_TIMEOUT_MS: number = 5000;
  /** lifetime of presigned download URLs (seconds) */
  @ToInt() @IsInt() @Min(30) @Max(3600) DOWNLOAD_URL_TTL_S: number = 300;
  /** lifetime of presigned upload URLs (seconds) */
  @ToInt() @IsInt() @Min(60) @Max(24 * 3600) UPLOAD_URL_TTL_S: number = 900;
  /** running exports (initiated or processing) a user may have at once */
  @ToInt() @IsInt() @Min(1) @Max(100) GATEWAY_MAX_ACTIVE_EXPORTS: number = 2;
  /** running imports (validating, processing or rolling back) a user may have at once */
  @ToInt() @IsInt() @Min(1) @Max(100) GATEWAY_MAX_ACTIVE_IMPORTS: number = 1;
  /** POST requests a user may make per route per window (then 429 with Retry-After) */
  @ToInt() @IsInt() @Min(1) @Max(100000) GATEWAY_RATE_LIMIT_POSTS: number = 30;
  /** the rate limit's window, ms */
  @ToInt() @IsInt() @Min(1000) @Max(3600000) GATEWAY_RATE_LIMIT_WINDOW_MS: number = 60000;
  /** the largest package an import accepts, MiB */
  @ToInt() @IsInt() @Min(1) @Max(100 * 1024) IMPORT_MAX_PACKAGE_MB: number = 2048;
}
