/**
 * A typed client for frontends, generated from the OpenAPI document (see generate.ts) and
 * built on openapi-fetch: paths, bodies and answers are checked by the compiler.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './openapi.js';

export type TeilhabeClient = Client<paths>;

export interface TeilhabeClientOptions {
  readonly baseUrl: string;
  /** A bearer token (`npx teilhabe token ...`), or a function that returns the current one. */
  readonly token?: string | (() => string | Promise<string>);
  readonly fetch?: typeof globalThis.fetch;
}

export function createTeilhabeClient(options: TeilhabeClientOptions): TeilhabeClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { token } = options;
  if (token !== undefined) {
    const auth: Middleware = {
      async onRequest({ request }) {
        const value = typeof token === 'function' ? await token() : token;
        request.headers.set('Authorization', `Bearer ${value}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

export type { paths } from './openapi.js';
