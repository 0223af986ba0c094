import { createApiClient, isApiErrorBody, type Schemas } from './index';

const EXPORT_ID = '3f2b8a52-6d1e-4c57-9a3e-2b8f0c1d4e5a';

/** A fetch that records the requests and answers with `reply`. */
function fakeFetch(reply: (req: Request) => Response) {
  const seen: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    seen.push(req);
    return reply(req);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('api-client (compiles against the generated types)', () => {
  it('sends typed requests with the bearer token and returns typed data', async () => {
    const status: Schemas['ExportStatusResponse'] = {
      exportId: EXPORT_ID, status: 'processing', progress: 40, currentPhase: 'assembling', phase: 'assembling',
      progressDetail: { fraction: 0.4, recordsDone: 10, recordsEstimated: 10, bytesDone: 0, bytesEstimated: 100 }, format: 'complete', requestedAt: '2026-01-01T00:00:00.000Z',
    };
    const { fetch, seen } = fakeFetch(() => json(200, status));
    const api = createApiClient({ baseUrl: 'http://gateway.test', token: () => 'tok', fetch });
    const { data, error } = await api.GET('/export/{exportId}/status', { params: { path: { exportId: EXPORT_ID } } });
    expect(error).toBeUndefined();
    expect(data?.currentPhase).toBe('assembling');
    expect(seen[0].url).toBe(`http://gateway.test/export/${EXPORT_ID}/status`);
    expect(seen[0].headers.get('Authorization')).toBe('Bearer tok');
    // @ts-expect-error an unknown path does not compile
    void (() => api.GET('/export/{exportId}/nope', { params: { path: { exportId: EXPORT_ID } } }));
    // @ts-expect-error the path parameter is required
    void (() => api.GET('/export/{exportId}/status', {}));
  });

  it('gives the error body typed, with its stable code', async () => {
    const { fetch, seen } = fakeFetch(() => json(400, { code: 'INVALID_CURSOR', message: 'cursor is not valid' }));
    const api = createApiClient({ baseUrl: 'http://gateway.test', fetch });
    const { data, error } = await api.GET('/import/{importId}/issues', { params: { path: { importId: EXPORT_ID }, query: { severity: 'warning', code: 'CONFLICT', limit: 50, cursor: 'x' } } });
    expect(data).toBeUndefined();
    expect(isApiErrorBody(error)).toBe(true);
    expect(error?.code).toBe('INVALID_CURSOR');
    expect(new URL(seen[0].url).searchParams.get('severity')).toBe('warning');
    expect(seen[0].headers.get('Authorization')).toBeNull();
  });

  it('types request bodies', async () => {
    const { fetch, seen } = fakeFetch(() => json(201, { importId: EXPORT_ID, size: 10, partSize: 5242880, partCount: 1, maxSize: 100, uploadExpires: '2026-01-01T00:00:00.000Z' }));
    const api = createApiClient({ baseUrl: 'http://gateway.test', fetch });
    const { data } = await api.POST('/import/upload/multipart', { body: { size: 10 } });
    expect(data?.partCount).toBe(1);
    expect(await seen[0].json()).toEqual({ size: 10 });
    // @ts-expect-error size is a number
    void (() => api.POST('/import/upload/multipart', { body: { size: '10' } }));
  });
});
