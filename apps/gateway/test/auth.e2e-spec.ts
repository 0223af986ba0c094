import { generateKeyPair, SignJWT } from 'jose';
import { localAuthFromEnv, mintToken, RunningService, startService } from '@housef3/testing';

/** The gateway, as a real process on the real stack, refuses every kind of bad token with 401. */
describe('gateway authentication (e2e)', () => {
  let gateway: RunningService;
  const auth = () => localAuthFromEnv();
  const get = (path: string, token?: string) =>
    fetch(`${gateway.url}${path}`, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    gateway = await startService('gateway');
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('accepts a valid token and identifies the user by its sub claim', async () => {
    const res = await get('/me', await mintToken(auth(), 'alice'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: 'alice' });
  });

  it('serves /health and /metrics without a token', async () => {
    expect((await get('/health')).status).toBe(200);
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
  });

  const refused: Array<[string, () => Promise<string | undefined>, RegExp]> = [
    ['a missing token', async () => undefined, /missing bearer token/],
    ['an expired token', () => mintToken(auth(), 'alice', { expiresIn: -120 }), /expired/],
    ['a token from another issuer', () => mintToken(auth(), 'alice', { issuer: 'https://evil.example/issuer' }), /"iss"/],
    ['a token for another audience', () => mintToken(auth(), 'alice', { audience: 'some-other-client' }), /"aud"/],
    ['an access token where id tokens are required', () => mintToken(auth(), 'alice', { tokenUse: 'access' }), /token_use/],
    ['a token with a bad signature', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const kid = JSON.parse(Buffer.from((await mintToken(auth(), 'x')).split('.')[0], 'base64url').toString()).kid;
      return new SignJWT({ token_use: 'id' }).setProtectedHeader({ alg: 'RS256', kid }).setSubject('alice')
        .setIssuer(auth().issuer).setAudience(auth().audience).setIssuedAt().setExpirationTime('1h').sign(privateKey);
    }, /signature/],
    ['an alg:none token', async () => {
      const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: 'alice', iss: auth().issuer, aud: auth().audience, token_use: 'id', iat: now, exp: now + 3600 })}.`;
    }, /algorithm|malformed/],
    ['a token whose payload was tampered with', async () => {
      const [h, , s] = (await mintToken(auth(), 'alice')).split('.');
      const now = Math.floor(Date.now() / 1000);
      const forged = Buffer.from(JSON.stringify({ sub: 'mallory', iss: auth().issuer, aud: auth().audience, token_use: 'id', iat: now, exp: now + 3600 })).toString('base64url');
      return `${h}.${forged}.${s}`;
    }, /signature/],
    ['garbage', async () => 'not-a-jwt', /malformed/],
  ];

  it.each(refused)('refuses %s with 401 and a precise reason', async (_case, token, reason) => {
    const res = await get('/me', await token());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(reason);
  });

  it('refuses a Basic authorization header', async () => {
    const res = await fetch(`${gateway.url}/me`, { headers: { Authorization: 'Basic YWxpY2U6cGFzc3dvcmQ=' } });
    expect(res.status).toBe(401);
  });
});
