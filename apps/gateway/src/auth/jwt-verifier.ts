import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  tokenUse: 'id' | 'access';
  jwksUrl?: string;
  jwksFile?: string;
  clockToleranceS: number;
}

export class AuthError extends Error {}

/**
 * Our adapter over jose: verifies a Cognito-style JWT (RS256 only, against the JWKS) and
 * returns the user id (`sub`). Checks signature, expiry, issuer, audience and token_use; for
 * Cognito access tokens, which carry no `aud`, the app client id is checked in `client_id`.
 */
export class JwtVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet> | ReturnType<typeof createLocalJWKSet>;

  constructor(private readonly opts: JwtVerifierOptions) {
    if (opts.jwksFile) this.keys = createLocalJWKSet(JSON.parse(readFileSync(opts.jwksFile, 'utf8')));
    else if (opts.jwksUrl) this.keys = createRemoteJWKSet(new URL(opts.jwksUrl), { cooldownDuration: 30000, cacheMaxAge: 600000 });
    else throw new Error('JwtVerifier needs a JWKS URL or file');
  }

  async verify(token: string): Promise<{ userId: string; claims: JWTPayload }> {
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
      throw new AuthError(describe(e));
    }
    if (claims.token_use !== this.opts.tokenUse) throw new AuthError(`token_use must be "${this.opts.tokenUse}"`);
    if (this.opts.tokenUse === 'access' && claims.client_id !== this.opts.audience) throw new AuthError('token was issued to another client');
    if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 200) throw new AuthError('token has no usable subject');
    return { userId: claims.sub, claims };
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
