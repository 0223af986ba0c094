import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { localAuthFromEnv, mintToken, RunningService, stackEnv, startService } from '@housef3/testing';

/**
 * The identity provider's JWKS served by a local HTTP server that is then stopped: tokens the
 * gateway could verify keep working on the last good keys; a gateway that never got any keys
 * answers 503 (retry), not 401 (drop your token).
 */
describe('gateway: JWKS outage (e2e)', () => {
  const auth = () => localAuthFromEnv();
  const jwks = readFileSync(stackEnv().AUTH_JWKS_FILE, 'utf8');
  let server: Server | undefined;
  let gateway: RunningService | undefined;
  let fetched = 0;

  const serveJwks = async (): Promise<string> => {
    server = createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  };
  const stopJwks = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  const me = (g: RunningService, token: string) => fetch(`${g.url}/me`, { headers: { Authorization: `Bearer ${token}` } });
  const metric = async (g: RunningService, pattern: RegExp): Promise<number> => {
    const text = await (await fetch(`${g.url}/metrics`)).text();
    return text.split('\n').filter((l) => pattern.test(l)).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  };
  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
    await stopJwks();
    server = undefined;
  });

  it('keeps accepting valid tokens on the last good keys after the JWKS server is stopped', async () => {
    const url = await serveJwks();
    gateway = await startService('gateway', { AUTH_JWKS_FILE: '', AUTH_JWKS_URL: url, AUTH_JWKS_REFRESH_MS: '200', AUTH_JWKS_COOLDOWN_MS: '0', AUTH_JWKS_TIMEOUT_MS: '500' });
    const g = gateway;
    const token = await mintToken(auth(), 'alice');
    expect((await me(g, token)).status).toBe(200);
    expect(fetched).toBeGreaterThan(0);

    await stopJwks();
    // requests go on while refreshes fail: wait until the gateway has seen at least two failed
    // fetches. The token verified before is remembered (ADR 0112) and needs no key; a new token
    // each time (its own jti) makes the gateway look its key up, which is what asks for a refresh.
    await until('failed JWKS fetches', async () => {
      for (const t of [token, await mintToken(auth(), 'alice', { extraClaims: { jti: randomUUID() } })]) {
        const res = await me(g, t);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ userId: 'alice' });
      }
      return (await metric(g, /^housef3_jwks_fetch_failures_total\{.*serving="true"/)) >= 2 ? true : undefined;
    });
    const fresh = await mintToken(auth(), 'bob'); // a token minted during the outage, same keys
    expect((await me(g, fresh)).status).toBe(200);
    // a bad token is still a 401
    const bad = await mintToken(auth(), 'alice', { audience: 'another-client' });
    expect((await me(g, bad)).status).toBe(401);
  });

  it('answers 503 AUTH_UNAVAILABLE, not 401, when the keys were never fetched', async () => {
    const url = await serveJwks();
    await stopJwks();
    gateway = await startService('gateway', { AUTH_JWKS_FILE: '', AUTH_JWKS_URL: url, AUTH_JWKS_COOLDOWN_MS: '0', AUTH_JWKS_TIMEOUT_MS: '500' });
    const res = await me(gateway, await mintToken(auth(), 'alice'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'AUTH_UNAVAILABLE' });
    expect(await metric(gateway, /^housef3_auth_failures_total\{.*reason="keys_unavailable"/)).toBeGreaterThanOrEqual(1);
  });
});
