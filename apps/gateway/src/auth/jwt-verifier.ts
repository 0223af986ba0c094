import { readFileSync } from 'node:fs';
import { createLocalJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { JwksKeyStore, KeysUnavailableError } from './jwks-key-store';
import { VerifiedTokenCache } from './verified-token.cache';

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  tokenUse: 'id' | 'access';
  jwksUrl?: string;
  jwksFile?: string;
  clockToleranceS: number;
  /** JWKS URL only: refresh age, fetch cooldown and timeout (ms), and who hears of failed fetches */
  jwks?: { refreshMs: number; cooldownMs: number; timeoutMs: number; onFetchFailed?: (error: unknown, serving: boolean) => void };
}

/**
 * What a `sub` may look like: it becomes a key prefix (`{userId}/...`) and a partition key, so
 * no slash, no whitespace, nothing a path or a query could read differently (Cognito subs are UUIDs).
 */
export const SUBJECT_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_.@:+-]{0,127}$/;

export class AuthError extends Error {}

/**
 * Our adapter over jose: verifies a Cognito-style JWT (RS256 only, against the JWKS) and
 * returns the user id (`sub`). Checks signature, expiry, issuer, audience and token_use; for
 * Cognito access tokens, which carry no `aud`, the app client id is checked in `client_id`.
 */
export class JwtVerifier {
  private readonly keys: JwksKeyStore['getKey'] | ReturnType<typeof createLocalJWKSet>;
  /** tokens verified before: a client polling a status sends the same one every time */
  private readonly verified = new VerifiedTokenCache<{ userId: string; claims: JWTPayload }>();

  constructor(private readonly opts: JwtVerifierOptions) {
    if (opts.jwksFile) this.keys = createLocalJWKSet(JSON.parse(readFileSync(opts.jwksFile, 'utf8')));
    else if (opts.jwksUrl) this.keys = new JwksKeyStore({ url: opts.jwksUrl, refreshMs: 600000, cooldownMs: 30000, timeoutMs: 5000, ...opts.jwks }).getKey;
    else throw new Error('JwtVerifier needs a JWKS URL or file');
  }

  /** The user id, or AuthError (the token is refused: 401), or KeysUnavailableError (we cannot tell: 503). */
  async verify(token: string): Promise<{ userId: string; claims: JWTPayload }> {
    const known = this.verified.get(token);
    if (known) return known;
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: this.opts.issuer,
        audience: this.opts.tokenUse === 'id' ? this.opts.audience : undefined,
        clockTolerance: this.opts.clockToleranceS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (e) {
      if (e instanceof KeysUnavailableError) throw e;
      throw new AuthError(describe(e));
    }
    if (claims.token_use !== this.opts.tokenUse) throw new AuthError(`token_use must be "${this.opts.tokenUse}"`);
    if (this.opts.tokenUse === 'access' && claims.client_id !== this.opts.audience) throw new AuthError('token was issued to another client');
    if (typeof claims.sub !== 'string' || !SUBJECT_FORMAT.test(claims.sub)) throw new AuthError('token subject is not a valid user id');
    const result = { userId: claims.sub, claims };
    this.verified.set(token, result, claims.exp!);
    return result;
  }
}

function describe(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'token expired';
  if (e instanceof errors.JWTClaimValidationFailed) return `token claim "${e.claim}" is not accepted`;
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not accepted';
  if (e instanceof errors.JWKSNoMatchingKey) return 'token was not signed by a known key';
  if (e instanceof errors.JWTInvalid || e instanceof errors.JWSInvalid || e instanceof errors.JOSENotSupported) return 'token is malformed';
  return 'token is not valid';
}
