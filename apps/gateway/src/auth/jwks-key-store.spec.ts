import { exportJWK, generateKeyPair, JWK, jwtVerify, SignJWT } from 'jose';
import { JwksKeyStore, KeysUnavailableError } from './jwks-key-store';

describe('JwksKeyStore: the provider\'s keys kept through its outages', () => {
  jest.setTimeout(30000); // RSA key generation is slow on a loaded machine
  let now = 0;
  let up = true;
  let served: JWK[] = [];
  let fetches = 0;
  const failures: boolean[] = [];
  const fakeFetch = (async () => {
    fetches++;
    if (!up) throw new TypeError('fetch failed: connect ECONNREFUSED');
    return new Response(JSON.stringify({ keys: served }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const store = () => new JwksKeyStore({ url: 'http://idp.invalid/jwks.json', refreshMs: 1000, cooldownMs: 100, timeoutMs: 1000, now: () => now, fetch: fakeFetch, onFetchFailed: (_e, serving) => failures.push(serving) });

  const keyPair = async (kid: string) => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    return { jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256' }, sign: () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setSubject('u').sign(privateKey) };
  };
  /** Lets the background refresh run: macrotask turns until `done` holds (at most a few hundred). */
  const settle = async (done: () => boolean) => {
    for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setImmediate(r));
  };

  beforeEach(() => {
    now = 0;
    up = true;
    fetches = 0;
    failures.length = 0;
  });

  it('serves the last good keys while fetches fail, and refreshes in the background once stale', async () => {
    const k1 = await keyPair('k1');
    served = [k1.jwk];
    const keys = store();
    await expect(jwtVerify(await k1.sign(), keys.getKey)).resolves.toBeDefined();
    up = false;
    now += 5000; // stale: a refresh is tried, the request does not wait for it
    await expect(jwtVerify(await k1.sign(), keys.getKey)).resolves.toBeDefined();
    await settle(() => failures.length === 1);
    expect(failures).toEqual([true]);
    now += 5000;
    await expect(jwtVerify(await k1.sign(), keys.getKey)).resolves.toBeDefined();
    await settle(() => failures.length === 2);
    expect(fetches).toBe(3);
    expect(failures).toEqual([true, true]);
  });

  it('picks up a rotated key on an unknown kid, at most once per cooldown', async () => {
    const [k1, k2] = [await keyPair('k1'), await keyPair('k2')];
    served = [k1.jwk];
    const keys = store();
    await jwtVerify(await k1.sign(), keys.getKey);
    await expect(jwtVerify(await k2.sign(), keys.getKey)).rejects.toThrow(); // within the cooldown: no fetch
    expect(fetches).toBe(1);
    served = [k1.jwk, k2.jwk];
    now += 200;
    await expect(jwtVerify(await k2.sign(), keys.getKey)).resolves.toBeDefined();
    expect(fetches).toBe(2);
  });

  it('fails with KeysUnavailableError (not a token error) when no key set was ever fetched', async () => {
    up = false;
    const k1 = await keyPair('k1');
    await expect(jwtVerify(await k1.sign(), store().getKey)).rejects.toBeInstanceOf(KeysUnavailableError);
    expect(failures).toEqual([false]);
  });
});
