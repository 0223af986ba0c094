import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './openapi';

export type { components, operations, paths } from './openapi';

/** Every schema of the API by name: `Schemas['ImportStatusResponse']`. */
export type Schemas = components['schemas'];
/** The one error body of every error response: branch on `code`. */
export type ApiErrorBody = Schemas['ErrorBody'];
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** the gateway, e.g. https://api.housef3.com (no trailing slash) */
  baseUrl: string;
  /** the user's current ID or access token (called before every request, so a refreshed token is used) */
  token?: () => string | undefined | Promise<string | undefined>;
  /** another fetch (tests, server-side rendering) */
  fetch?: typeof globalThis.fetch;
}

/**
 * A typed client of the REST API (openapi-fetch over the generated types): paths, parameters,
 * bodies and responses are checked by the compiler.
 *
 *   const api = createApiClient({ baseUrl, token: () => session.idToken });
 *   const { data, error } = await api.GET('/import/{importId}/status', { params: { path: { importId } } });
 *   // data: ImportStatusResponse | undefined; error: ErrorBody | undefined
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createFetchClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch && { fetch: options.fetch }) });
  if (options.token) {
    const token = options.token;
    const auth: Middleware = {
      async onRequest({ request }) {
        const value = await token();
        if (value) request.headers.set('Authorization', `Bearer ${value}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

/** True when a response body is the API's error body. */
export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string' && typeof (body as { message?: unknown }).message === 'string';
}

/** The operations by id, for code that refers to one: `Operation<'getImportStatus'>`. */
export type Operation<K extends keyof operations> = operations[K];
