import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';

/**
 * The local stack's own identity provider: an RS256 key pair and its JWKS, standing in for
 * Cognito. The gateway verifies against jwks.json exactly as it would against Cognito's JWKS URL.
 */
export interface LocalAuth {
  dir: string;
  issuer: string;
  audience: string;
}

const files = (auth: LocalAuth) => ({ privateJwk: join(auth.dir, 'private.jwk.json'), jwks: join(auth.dir, 'jwks.json') });

export async function ensureLocalKeys(auth: LocalAuth): Promise<{ jwksFile: string; created: boolean }> {
  const f = files(auth);
  if (existsSync(f.privateJwk) && existsSync(f.jwks)) return { jwksFile: f.jwks, created: false };
  mkdirSync(auth.dir, { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const kid = `local-${Date.now().toString(36)}`;
  const priv = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const pub = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  writeFileSync(f.privateJwk, JSON.stringify(priv), { mode: 0o600 });
  writeFileSync(f.jwks, JSON.stringify({ keys: [pub] }, null, 2));
  return { jwksFile: f.jwks, created: true };
}

export interface MintOptions {
  /** seconds from now; negative for an already expired token */
  expiresIn?: number;
  issuer?: string;
  audience?: string;
  tokenUse?: string;
  extraClaims?: Record<string, unknown>;
}

/** A Cognito-shaped ID token for `userId` (the `sub` claim), signed with the local key. */
export async function mintToken(auth: LocalAuth, userId: string, opts: MintOptions = {}): Promise<string> {
  const jwk = JSON.parse(readFileSync(files(auth).privateJwk, 'utf8')) as JWK;
  const key = await importJWK(jwk, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ token_use: opts.tokenUse ?? 'id', 'cognito:username': userId, ...opts.extraClaims })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(opts.issuer ?? auth.issuer)
    .setAudience(opts.audience ?? auth.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (opts.expiresIn ?? 3600))
    .sign(key);
}
