import { weerpc } from './rpc-request.js';

/** The answer of a call, whatever went wrong or right. */
export interface WeeRpcAnswer<T = unknown> {
  ok: boolean;
  message: string | null;
  data: T | null;
}

/** Describes a server's functions: name → `(data) => result`, for a typed client. */
export type RpcApi = Record<string, (data: any) => unknown>;

/**
 * What an API type must look like. Mapped over the type's own keys rather than `RpcApi`'s
 * index signature, so that an `interface` (which has no index signature) is accepted too.
 */
export type RpcApiShape<Api> = { [K in keyof Api]: (data: any) => unknown };

/** A function's data type in an `RpcApi`. */
export type RpcDataOf<F> = F extends (...args: infer A) => unknown ? (A extends [] ? undefined : A[0]) : never;
/** A function's result type in an `RpcApi` (promises unwrapped). */
export type RpcResultOf<F> = F extends (...args: any[]) => infer R ? Awaited<R> : never;

export interface WeeRpcClientOptions {
  /** The endpoint's URL (`'/rpc'` in a page, `'http://localhost:3000/rpc'` in Node). */
  url: string;
  /** A `fetch` implementation; the global one by default. */
  fetch?: typeof fetch;
  /** Whether the browser sends cookies (the session): `'same-origin'` by default. */
  credentials?: RequestCredentials;
  /** Extra headers for every call (a cookie in Node, say). */
  headers?: Record<string, string>;
}

export interface WeeRpcClient<Api extends RpcApiShape<Api>> {
  /** Calls a function; resolves to its answer, `ok: false` included. Rejects only when no weeRPC answer came. */
  call<K extends keyof Api & string>(fn: K, ...data: RpcDataArgs<Api[K]>): Promise<WeeRpcAnswer<RpcResultOf<Api[K]>>>;
}

/** Data is optional for functions that take none. */
type RpcDataArgs<F> = RpcDataOf<F> extends undefined ? [data?: undefined] : [data: RpcDataOf<F>];

/** Thrown when the server's answer is not a weeRPC body (a proxy's error page, say). */
export class WeeRpcClientError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'WeeRpcClientError';
  }
}

/**
 * A fetch-based client for browsers and Node. Give it your API type for autocompletion
 * and type errors on unknown names or wrong data.
 *
 * @example
 * const rpc = createWeeRpcClient<{ add_numbers: (data: number[]) => number }>({ url: '/rpc' });
 * const { ok, data } = await rpc.call('add_numbers', [1, 2, 3]);
 */
export function createWeeRpcClient<Api extends RpcApiShape<Api> = RpcApi>(options: WeeRpcClientOptions): WeeRpcClient<Api> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = { 'Content-Type': 'application/json', ...options.headers };
  return {
    async call(fn, ...[data]) {
      const response = await doFetch(options.url, {
        method: 'POST',
        headers,
        credentials: options.credentials ?? 'same-origin',
        body: weerpc(fn, data),
      });
      const text = await response.text();
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        throw new WeeRpcClientError(`Not a weeRPC answer (HTTP ${response.status})`, response.status);
      }
      if (!isAnswer(answer)) {
        throw new WeeRpcClientError(`Not a weeRPC answer (HTTP ${response.status})`, response.status);
      }
      return { ok: answer.ok, message: answer.message ?? null, data: answer.data ?? null } as WeeRpcAnswer<never>;
    },
  };
}

function isAnswer(value: unknown): value is WeeRpcAnswer {
  return typeof value === 'object' && value !== null && typeof (value as WeeRpcAnswer).ok === 'boolean';
}
