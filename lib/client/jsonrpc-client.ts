import { createTransport, notAnswerOf, type RpcTransportOptions } from './post-json.js';
import type { RpcResultOf } from './weerpc-client.js';

/** Positional or named parameters, as JSON-RPC 2.0 allows; the server hands them to the function as its data. */
export type JsonRpcParams = readonly unknown[] | Record<string, unknown>;

/** The options of `createJsonRpcClient`: the same as the weeRPC client's. */
export type JsonRpcClientOptions = RpcTransportOptions;

/** An `error` member of a JSON-RPC 2.0 answer, thrown (or settled) as an `Error`. */
export class JsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'JsonRpcError';
  }
}

/** One call of `batch()`: `notification: true` sends it without an id (no answer). */
export interface JsonRpcBatchCall {
  method: string;
  params?: JsonRpcParams;
  notification?: boolean;
}

/** The settled answer of one call of a batch. */
export type JsonRpcSettled<T = unknown> = { ok: true; result: T } | { ok: false; error: JsonRpcError };

/** What an API type looks like to the JSON-RPC client: method name → `(params) => result`. */
type JsonRpcApiShape<Api> = { [K in keyof Api]: (params: any) => unknown };
/** Params are optional for methods that take none, or may take undefined (an untyped client's `any`). */
type ParamsArgs<F> = F extends (...args: infer A) => unknown
  ? A extends []
    ? [params?: undefined]
    : undefined extends A[0]
      ? [params?: A[0]]
      : [params: A[0]]
  : never;

export interface JsonRpcClient<Api extends JsonRpcApiShape<Api>> {
  /** Calls a method; resolves to its `result`, rejects with `JsonRpcError` on an `error` answer. */
  call<K extends keyof Api & string>(method: K, ...params: ParamsArgs<Api[K]>): Promise<RpcResultOf<Api[K]>>;
  /** Sends a notification (no id): resolves once the server took it (HTTP 204); there is no answer. */
  notify<K extends keyof Api & string>(method: K, ...params: ParamsArgs<Api[K]>): Promise<void>;
  /**
   * Sends several calls in one request. Resolves to one entry per call, in the given order:
   * `{ ok, result }` or `{ ok: false, error }`, and `undefined` for notifications. Rejects with
   * `JsonRpcError` when the server refused the whole batch (parse error, too many calls, auth).
   */
  batch(calls: readonly JsonRpcBatchCall[]): Promise<(JsonRpcSettled | undefined)[]>;
  /** Closes the client's WebSocket (a `ws://` URL); calls after it reject. Nothing to do over HTTP. */
  close(): void;
}

interface JsonRpcAnswer {
  jsonrpc: '2.0';
  id: string | number | null;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/**
 * A JSON-RPC 2.0 client for browsers and Node (fetch over HTTP, or one WebSocket for a `ws://` URL), for endpoints with `'jsonrpc/2.0'`
 * in their `protocols` (or any JSON-RPC 2.0 server).
 *
 * @example
 * const rpc = createJsonRpcClient<{ subtract: (params: [number, number]) => number }>({ url: '/rpc' });
 * await rpc.call('subtract', [42, 23]); // 19
 */
export function createJsonRpcClient<Api extends JsonRpcApiShape<Api> = Record<string, (params: any) => unknown>>(
  options: JsonRpcClientOptions,
): JsonRpcClient<Api> {
  const { send, close } = createTransport(options, 'JSON-RPC 2.0');
  const post = (payload: unknown, answered = true) => send(JSON.stringify(payload), answered);
  let lastId = 0;

  const request = (method: string, params: JsonRpcParams | undefined, id?: number) =>
    params === undefined ? { jsonrpc: '2.0', method, id } : { jsonrpc: '2.0', method, params, id };

  return {
    close,

    async call(method, ...[params]) {
      const id = ++lastId;
      const { status, value: answer } = await post(request(method, params as JsonRpcParams | undefined, id));
      if (!isAnswer(answer) || (answer.id !== id && answer.id !== null)) {
        throw notJsonRpc(status);
      }
      if (answer.error) {
        throw toError(answer.error);
      }
      return answer.result as never;
    },

    async notify(method, ...[params]) {
      await post(request(method, params as JsonRpcParams | undefined), false);
    },

    async batch(calls) {
      if (calls.length === 0) {
        return [];
      }
      const ids = calls.map(call => (call.notification ? undefined : ++lastId));
      const payload = calls.map((call, index) => request(call.method, call.params, ids[index]));
      // A batch of notifications only gets no answer (over WebSocket, no message at all).
      const { status, value: answer } = await post(payload, ids.some(id => id !== undefined));
      if (isAnswer(answer) && answer.error) {
        throw toError(answer.error); // the whole batch was refused
      }
      const byId = new Map<unknown, JsonRpcAnswer>();
      for (const element of Array.isArray(answer) ? answer : []) {
        if (isAnswer(element)) {
          byId.set(element.id, element);
        }
      }
      return ids.map(id => {
        if (id === undefined) {
          return undefined;
        }
        const element = byId.get(id);
        if (!element) {
          throw notJsonRpc(status);
        }
        return element.error ? { ok: false, error: toError(element.error) } : { ok: true, result: element.result };
      });
    },
  };
}

function isAnswer(value: unknown): value is JsonRpcAnswer {
  return typeof value === 'object' && value !== null && (value as JsonRpcAnswer).jsonrpc === '2.0' && 'id' in value;
}

function toError(error: NonNullable<JsonRpcAnswer['error']>): JsonRpcError {
  return new JsonRpcError(error.code, error.message, error.data);
}

function notJsonRpc(status: number): Error {
  return notAnswerOf('JSON-RPC 2.0', status);
}
