import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { AuthError, JwtVerifier, SUBJECT_FORMAT } from './jwt-verifier';

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Test';
const CLIENT = 'app-client-1';

describe('JwtVerifier', () => {
  let key: KeyLike;
  let jwksFile: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    jwksFile = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }] }));
  });

  const sign = (claims: Record<string, unknown>, sub: string | null = 'user-1') => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(ISSUER).setIssuedAt().setExpirationTime('10m');
    return (sub === null ? jwt : jwt.setSubject(sub)).sign(key);
  };
  const verifier = (tokenUse: 'id' | 'access') => new JwtVerifier({ issuer: ISSUER, audience: CLIENT, tokenUse, jwksFile, clockToleranceS: 0 });

  it('accepts a Cognito ID token for the app client and returns its sub', async () => {
    const token = await new SignJWT({ token_use: 'id' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER).setAudience(CLIENT).setSubject('user-1').setIssuedAt().setExpirationTime('10m').sign(key);
    await expect(verifier('id').verify(token)).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('accepts a Cognito access token (no aud) by its client_id', async () => {
    await expect(verifier('access').verify(await sign({ token_use: 'access', client_id: CLIENT }))).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('refuses an access token issued to another app client', async () => {
    await expect(verifier('access').verify(await sign({ token_use: 'access', client_id: 'other' }))).rejects.toThrow(new AuthError('token was issued to another client'));
  });

  it('refuses an ID token where access tokens are configured', async () => {
    await expect(verifier('access').verify(await sign({ token_use: 'id', client_id: CLIENT }))).rejects.toThrow(/token_use must be "access"/);
  });

  it('refuses a token without a subject', async () => {
    await expect(verifier('access').verify(await sign({ token_use: 'access', client_id: CLIENT }, null))).rejects.toThrow(AuthError);
  });

  it('needs a JWKS source', () => {
    expect(() => new JwtVerifier({ issuer: ISSUER, audience: CLIENT, tokenUse: 'id', clockToleranceS: 0 })).toThrow(/JWKS/);
  });
});

describe('SUBJECT_FORMAT', () => {
  it('accepts Cognito subs and plain ids; refuses what could leave a key prefix', () => {
    for (const ok of ['3f1c2a4e-8b9d-4c1e-9f7a-2b3c4d5e6f70', 'alice', 'restore-user-1', 'a.b_c@d']) expect(SUBJECT_FORMAT.test(ok)).toBe(true);
    for (const bad of ['', '../alice', 'alice/../../bob', 'a b', '-x', '.hidden', 'x'.repeat(129), 'ali\nce', 'a%2Fb']) expect(SUBJECT_FORMAT.test(bad)).toBe(false);
  });
});
