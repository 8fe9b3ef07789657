import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import { createTransport, notAnswerOf, type RpcTransportOptions } from './post-json.js';
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

/** The options of `createWeeRpcClient`. */
export type WeeRpcClientOptions = RpcTransportOptions;

export interface WeeRpcClient<Api extends RpcApiShape<Api>> {
  /** Calls a function; resolves to its answer, `ok: false` included. Rejects only when no weeRPC answer came. */
  call<K extends keyof Api & string>(fn: K, ...data: RpcDataArgs<Api[K]>): Promise<WeeRpcAnswer<RpcResultOf<Api[K]>>>;
  /** Closes the client's WebSocket (a `ws://` URL); calls after it reject. Nothing to do over HTTP. */
  close(): void;
}

/** Data is optional for functions that take none. */
type RpcDataArgs<F> = RpcDataOf<F> extends undefined ? [data?: undefined] : [data: RpcDataOf<F>];

/**
 * A client for browsers and Node: fetch over HTTP, or one WebSocket for a `ws://` URL. Give it your API type for autocompletion
 * and type errors on unknown names or wrong data.
 *
 * @example
 * const rpc = createWeeRpcClient<{ add_numbers: (data: number[]) => number }>({ url: '/rpc' });
 * const { ok, data } = await rpc.call('add_numbers', [1, 2, 3]);
 */
export function createWeeRpcClient<Api extends RpcApiShape<Api> = RpcApi>(options: WeeRpcClientOptions): WeeRpcClient<Api> {
  const { send: post, close } = createTransport(options, 'weeRPC');
  return {
    close,
    async call(fn, ...[data]) {
      const { status, value: answer } = await post(weerpc(fn, data));
      if (!isAnswer(answer)) {
        throw notAnswerOf('weeRPC', status);
      }
      return { ok: answer.ok, message: answer.message ?? null, data: answer.data ?? null } as WeeRpcAnswer<never>;
    },
  };
}

function isAnswer(value: unknown): value is WeeRpcAnswer {
  return typeof value === 'object' && value !== null && typeof (value as WeeRpcAnswer).ok === 'boolean';
}
