import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import { createJsonPoster, notAnswerOf, type RpcTransportOptions } from './post-json.js';
import { weerpc } from './rpc-request.js';

/** The answer of a call, whatever went wrong or right: the protocol-neutral outcome. */
export type WeeRpcAnswer<T = unknown> = RpcOutcome<T>;

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

/** The weeRPC versions the client speaks: 1.1, or the legacy 1.0 (`wrpc`). */
export type WeeRpcClientProtocol = 'weerpc/1.1' | 'weerpc/1.0';

/** The options of `createWeeRpcClient`. */
export interface WeeRpcClientOptions extends RpcTransportOptions {
  /**
   * `'weerpc/1.0'` sends `{"wrpc":1.0,...}` for endpoints that accept the legacy protocol
   * (`protocols: ['weerpc/1.0']`) and reads their `wrpc` answers. Default `'weerpc/1.1'`.
   */
  protocol?: WeeRpcClientProtocol;
}

export interface WeeRpcClient<Api extends RpcApiShape<Api>> {
  /** Calls a function; resolves to its answer, `ok: false` included. Rejects only when no weeRPC answer came. */
  call<K extends keyof Api & string>(fn: K, ...data: RpcDataArgs<Api[K]>): Promise<WeeRpcAnswer<RpcResultOf<Api[K]>>>;
}

/** Data is optional for functions that take none. */
type RpcDataArgs<F> = RpcDataOf<F> extends undefined ? [data?: undefined] : [data: RpcDataOf<F>];

/**
 * A fetch-based client for browsers and Node. Give it your API type for autocompletion
 * and type errors on unknown names or wrong data.
 *
 * @example
 * const rpc = createWeeRpcClient<{ add_numbers: (data: number[]) => number }>({ url: '/rpc' });
 * const { ok, data } = await rpc.call('add_numbers', [1, 2, 3]);
 */
export function createWeeRpcClient<Api extends RpcApiShape<Api> = RpcApi>(options: WeeRpcClientOptions): WeeRpcClient<Api> {
  const post = createJsonPoster(options, 'weeRPC');
  const encode = encoderOf(options.protocol);
  return {
    async call(fn, ...[data]) {
      const { status, value: answer } = await post(encode(fn, data));
      if (!isAnswer(answer)) {
        throw notAnswerOf('weeRPC', status);
      }
      return { ok: answer.ok, message: answer.message ?? null, data: answer.data ?? null } as WeeRpcAnswer<never>;
    },
  };
}

/** The request body builder of a protocol; throws on a protocol the client does not speak. */
function encoderOf(protocol: WeeRpcClientProtocol | undefined): (fn: string, data: unknown) => string {
  if (protocol === undefined || protocol === 'weerpc/1.1') {
    return weerpc;
  }
  if (protocol === 'weerpc/1.0') {
    return weerpc10;
  }
  throw new TypeError(`createWeeRpcClient: unknown protocol ${JSON.stringify(protocol)}; use 'weerpc/1.1' or 'weerpc/1.0'.`);
}

/** A weeRPC 1.0 request, written by hand so the version keeps its decimal point (`1.0`, as the reference sends it). */
function weerpc10(fn: string, data: unknown): string {
  return `{"wrpc":1.0,"function":${JSON.stringify(fn)},"data":${JSON.stringify(data) ?? 'null'}}`;
}

function isAnswer(value: unknown): value is WeeRpcAnswer {
  return typeof value === 'object' && value !== null && typeof (value as WeeRpcAnswer).ok === 'boolean';
}
