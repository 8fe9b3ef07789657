import { RpcClientError } from './rpc-client.error.js';

/** What both clients take to reach a server. */
export interface RpcTransportOptions {
  /** The endpoint's URL (`'/rpc'` in a page, `'http://localhost:3000/rpc'` in Node). */
  url: string;
  /** A `fetch` implementation; the global one by default. */
  fetch?: typeof fetch;
  /** Whether the browser sends cookies (the session): `'same-origin'` by default. */
  credentials?: RequestCredentials;
  /** Extra headers for every call (a cookie in Node, say). */
  headers?: Record<string, string>;
}

/** An answer's HTTP status and parsed body; `value` is `undefined` for an empty 204. */
export interface JsonAnswer {
  readonly status: number;
  readonly value: unknown;
}

/**
 * A POST of a JSON body, shared by the clients: returns the parsed answer, or throws
 * `RpcClientError` naming the protocol when the body is not JSON.
 */
export function createJsonPoster(options: RpcTransportOptions, protocol: string): (body: string) => Promise<JsonAnswer> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers };
  const credentials = options.credentials ?? 'same-origin';
  return async body => {
    const response = await doFetch(options.url, { method: 'POST', headers, credentials, body });
    const text = await response.text();
    if (response.status === 204 && text === '') {
      return { status: 204, value: undefined };
    }
    try {
      return { status: response.status, value: JSON.parse(text) };
    } catch {
      throw notAnswerOf(protocol, response.status);
    }
  };
}

/** The error for an answer that is not one of `protocol`'s. */
export function notAnswerOf(protocol: string, status: number): RpcClientError {
  return new RpcClientError(`Not a ${protocol} answer (HTTP ${status})`, status);
}
