import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcMarkedEventItem } from '../wire/event-id.js';
import {
  EVENT_ID_MEMBER,
  STREAM_ITEM_MARKER,
  STREAM_MEMBER,
  weeRpcCancelBody,
  weeRpcVersionMember,
  withLastEventId,
  withStreamMember,
} from '../wire/wire-names.js';
import type { RpcCallOptions } from './rpc-call.options.js';
import { notAnswerOf, WeeRpcError } from './rpc-client.error.js';
import { resumableStream, type RpcResumableItem } from './resumable.stream.js';
import { RetryPolicy } from './retry.policy.js';
import { weerpc } from './rpc-request.js';
import { createTransport } from './rpc-transport.factory.js';
import type { RpcTransportOptions } from './rpc-transport.options.js';

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
/**
 * The item type of a streaming function in an `RpcApi`: what its `AsyncIterable` yields or its
 * `Observable` emits, or an element of the array a plain call collects them into (the form types
 * generated from an OpenRPC document take, since a document describes the collected answer).
 */
export type RpcItemOf<F> = RpcItemData<
  RpcResultOf<F> extends AsyncIterable<infer T>
    ? T
    : RpcResultOf<F> extends { forEach(next: (value: infer T) => void): Promise<void>; subscribe: unknown }
      ? T
      : RpcResultOf<F> extends readonly (infer T)[]
        ? T
        : RpcResultOf<F>
>;

/** An item as the wire carries it: an item with an event id (`withEventId`, a publisher's subscription) is its data. */
export type RpcItemData<T> = T extends RpcMarkedEventItem<infer D> ? D : T;

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
  /**
   * Calls a function; resolves to its answer, `ok: false` included. Rejects only when no weeRPC
   * answer came (`RpcClientError`), or with the signal's reason on abort or timeout.
   */
  call<K extends keyof Api & string>(fn: K, ...args: RpcDataArgs<Api[K]>): Promise<WeeRpcAnswer<RpcResultOf<Api[K]>>>;
  /**
   * Calls a streaming function and yields its items as they arrive (Server-Sent Events). Throws
   * `WeeRpcError` when the call fails (before or during the stream); leaving the loop stops the
   * server's producer. A function that does not stream yields its one result.
   *
   * @example for await (const n of rpc.stream('count_to', { n: 5 })) console.log(n);
   */
  stream<K extends keyof Api & string>(fn: K, ...args: RpcDataArgs<Api[K]>): AsyncGenerator<RpcItemOf<Api[K]>, void, undefined>;
  /** Closes the client's WebSocket (a `ws://` URL); calls after it reject. Nothing to do over HTTP. */
  close(): void;
}

/** Data is optional for functions that take none; call options follow the data. */
type RpcDataArgs<F> = RpcDataOf<F> extends undefined ? [data?: undefined, options?: RpcCallOptions] : [data: RpcDataOf<F>, options?: RpcCallOptions];

/**
 * A client for browsers and Node: fetch over HTTP, or one WebSocket for a `ws://` URL. Give it your API type for autocompletion
 * and type errors on unknown names or wrong data.
 *
 * @example
 * const rpc = createWeeRpcClient<{ add_numbers: (data: number[]) => number }>({ url: '/rpc' });
 * const { ok, data } = await rpc.call('add_numbers', [1, 2, 3]);
 */
export function createWeeRpcClient<Api extends RpcApiShape<Api> = RpcApi>(options: WeeRpcClientOptions): WeeRpcClient<Api> {
  const transport = createTransport(options, 'weeRPC');
  const encode = encoderOf(options.protocol);
  const cancelBody = options.protocol === 'weerpc/1.0' ? weeRpcCancelBody('wrpc', 1.0) : weeRpcCancelBody('weerpc', 1.1);
  // A dropped stream is resumed with the retry option's waits, or its defaults when retrying is off.
  const resumePolicy = RetryPolicy.of(options.retry || true);
  return {
    close: () => transport.close(),
    async call(fn, ...[data, callOptions]) {
      const { status, value: answer } = await transport.post(encode(fn, data), callOptions);
      if (!isAnswer(answer)) {
        throw notAnswerOf('weeRPC', status);
      }
      return { ok: answer.ok, message: answer.message ?? null, data: answer.data ?? null } as WeeRpcAnswer<never>;
    },

    async *stream(fn, ...[data, callOptions]) {
      const body = encode(fn, data);
      /** One connection's items, from after `lastEventId` when resuming. */
      async function* open(lastEventId: string | undefined): AsyncGenerator<RpcResumableItem, void, undefined> {
        const sent = lastEventId === undefined ? body : withLastEventId(body, lastEventId);
        const request = { body: sent, socketBody: withStreamMember(sent), cancelBody, isItem: isItemMessage };
        for await (const { kind, value, status, eventId } of transport.stream(request, callOptions)) {
          const item = unwrap(value, status);
          if (kind === 'end') {
            return;
          }
          yield { item, eventId: eventId ?? eventIdOf(value) };
        }
      }
      const policy = callOptions?.resume === false ? undefined : resumePolicy;
      yield* resumableStream(open, error => error instanceof WeeRpcError, policy, callOptions?.signal) as AsyncGenerator<never, void, undefined>;
    },
  };
}

/** An answer's data, or `WeeRpcError` for a failure. */
function unwrap(answer: unknown, status: number): unknown {
  if (!isAnswer(answer)) {
    throw notAnswerOf('weeRPC', status);
  }
  if (!answer.ok) {
    throw new WeeRpcError(answer.message ?? 'Failed', answer.data ?? null);
  }
  return answer.data ?? null;
}

/** A WebSocket item's event id (`"eventId"` beside its data); over Server-Sent Events it is the event's `id:`. */
function eventIdOf(message: unknown): string | undefined {
  const eventId = (message as Record<string, unknown> | null)?.[EVENT_ID_MEMBER];
  return typeof eventId === 'string' ? eventId : undefined;
}

/** Over a WebSocket, a stream's items say so; any other message is the call's final answer. */
function isItemMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as Record<string, unknown>)[STREAM_MEMBER] === STREAM_ITEM_MARKER;
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
  return `{${weeRpcVersionMember('wrpc', 1.0)},"function":${JSON.stringify(fn)},"data":${JSON.stringify(data) ?? 'null'}}`;
}

function isAnswer(value: unknown): value is WeeRpcAnswer {
  return typeof value === 'object' && value !== null && typeof (value as WeeRpcAnswer).ok === 'boolean';
}
