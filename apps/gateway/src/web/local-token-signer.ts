import { readFileSync } from 'node:fs';
import { importJWK, JWK, SignJWT } from 'jose';

/**
 * The local stack's stand-in for Cognito's hosted UI: signs a Cognito-shaped ID token with the
 * stack's own private key, which the gateway's verifier accepts through the stack's JWKS.
 */
export class LocalTokenSigner {
  private readonly jwk: JWK;

  constructor(keyFile: string, private readonly claims: { issuer: string; audience: string; tokenUse: string }, private readonly ttlS = 3600) {
    this.jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  }

  async sign(userName: string, nowMs = Date.now()): Promise<{ token: string; expiresAt: string }> {
    const now = Math.floor(nowMs / 1000);
    const token = await new SignJWT({ token_use: this.claims.tokenUse, 'cognito:username': userName })
      .setProtectedHeader({ alg: 'RS256', kid: this.jwk.kid, typ: 'JWT' })
      .setSubject(userName)
      .setIssuer(this.claims.issuer)
      .setAudience(this.claims.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlS)
      .sign(await importJWK(this.jwk, 'RS256'));
    return { token, expiresAt: new Date((now + this.ttlS) * 1000).toISOString() };
  }
}
