import { ServiceConfig, ToBool, ToInt, ToList } from '@housef3/platform';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, Validate, ValidateIf, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

/** A development-only switch: never on when NODE_ENV=production. */
@ValidatorConstraint({ name: 'offInProduction' })
class OffInProduction implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return !(value === true && (args.object as { NODE_ENV?: string }).NODE_ENV === 'production');
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not be enabled when NODE_ENV=production`;
  }
}

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
  /**
   * how long a settled job (completed, failed, expired, cancelled) is answered from this replica's
   * memory instead of read again, ms; a change made through another replica shows within it. 0: never
   */
  @ToInt() @IsInt() @Min(0) @Max(10000) STATUS_CACHE_MS: number = 1000;
  /** lifetime of presigned upload URLs (seconds) */
  @ToInt() @IsInt() @Min(60) @Max(24 * 3600) UPLOAD_URL_TTL_S: number = 900;
  /**
   * the largest package an import accepts, MiB. The default takes the largest package an export
   * writes: 10,000 parts of the file-service's default 5 MiB (50,000 MiB).
   */
  @ToInt() @IsInt() @Min(1) @Max(5 * 1024 * 1024) IMPORT_MAX_PACKAGE_MB: number = 51_200;
  /** bytes per part of a multipart package upload, MiB (raised for a package that needs more than 10,000 parts) */
  @ToInt() @IsInt() @Min(5) @Max(5 * 1024) IMPORT_PART_SIZE_MB: number = 64;
  /** browser origins allowed to call the API (CORS), comma-separated, e.g. https://app.housef3.com; empty: none */
  @ToList() @IsArray()
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, { each: true, message: 'each of CORS_ALLOWED_ORIGINS must be an origin like https://app.example.com (scheme, host, optional port; no path)' })
  CORS_ALLOWED_ORIGINS: string[] = [];

  /** `production` refuses the local sign-in */
  @IsOptional() @IsString() NODE_ENV?: string;
  /** a folder holding the built web page (dist/apps/web), served at `/`; unset: no page */
  @IsOptional() @IsString() @MinLength(1) WEB_ROOT?: string;
  /**
   * Local stack only: `POST /auth/local/sign-in` mints a token for any user name with the stack's
   * own key (LOCAL_SIGN_IN_KEY_FILE). Refused when NODE_ENV=production.
   */
  @ToBool() @IsBoolean() @Validate(OffInProduction)
  LOCAL_SIGN_IN: boolean = false;
  /** the local stack's private signing key (a JWK file), needed by LOCAL_SIGN_IN */
  @ValidateIf((c: GatewayConfig) => c.LOCAL_SIGN_IN === true)
  @IsString({ message: 'LOCAL_SIGN_IN_KEY_FILE must name the local private key file when LOCAL_SIGN_IN is on' })
  LOCAL_SIGN_IN_KEY_FILE?: string;
  /** running exports (initiated or processing) a user may have at once */
  @ToInt() @IsInt() @Min(1) @Max(100) GATEWAY_MAX_ACTIVE_EXPORTS: number = 2;
  /** running imports (validating, processing or rolling back) a user may have at once */
  @ToInt() @IsInt() @Min(1) @Max(100) GATEWAY_MAX_ACTIVE_IMPORTS: number = 1;
  /** POST requests a user may make per route per window (then 429 with Retry-After) */
  @ToInt() @IsInt() @Min(1) @Max(100000) GATEWAY_RATE_LIMIT_POSTS: number = 30;
  /** the rate limit's window, ms */
  @ToInt() @IsInt() @Min(1000) @Max(3600000) GATEWAY_RATE_LIMIT_WINDOW_MS: number = 60000;
}
