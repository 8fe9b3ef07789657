import { jsonRpcCancelBody, STREAM_ITEM_METHOD, withLastEventId, withStreamMember } from '../wire/wire-names.js';
import { withDeadline } from './call.deadline.js';
import type { RpcCallOptions } from './rpc-call.options.js';
import { notAnswerOf } from './rpc-client.error.js';
import { resumableStream, type RpcResumableItem } from './resumable.stream.js';
import { RetryPolicy } from './retry.policy.js';
import { createTransport } from './rpc-transport.factory.js';
import type { RpcTransportOptions } from './rpc-transport.options.js';
import type { RpcItemOf, RpcResultOf } from './weerpc-client.js';

/** Positional or named parameters, as JSON-RPC 2.0 allows; the server hands them to the function as its data. */
export type JsonRpcParams = readonly unknown[] | Record<string, unknown>;

/** The options of `createJsonRpcClient`: the weeRPC client's, and automatic batching. */
export interface JsonRpcClientOptions extends RpcTransportOptions {
  /**
   * Sends the calls made in the same tick as one batch (up to `maxBatchSize` calls each, default
   * 100, the server's default): each caller still gets its own result or error. Off by default.
   */
  autoBatch?: boolean | { maxBatchSize?: number };
}

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
/** Params are optional for methods that take none, or may take undefined (an untyped client's `any`); call options follow. */
type ParamsArgs<F> = F extends (...args: infer A) => unknown
  ? A extends []
    ? [params?: undefined, options?: RpcCallOptions]
    : undefined extends A[0]
      ? [params?: A[0], options?: RpcCallOptions]
      : [params: A[0], options?: RpcCallOptions]
  : never;

export interface JsonRpcClient<Api extends JsonRpcApiShape<Api>> {
  /** Calls a method; resolves to its `result`, rejects with `JsonRpcError` on an `error` answer. */
  call<K extends keyof Api & string>(method: K, ...params: ParamsArgs<Api[K]>): Promise<RpcResultOf<Api[K]>>;
  /**
   * Calls a streaming method and yields its items as they arrive (Server-Sent Events: `rpc.stream`
   * notifications, then the call's response). Throws `JsonRpcError` on an error response, before
   * or during the stream; leaving the loop stops the server's producer.
   */
  stream<K extends keyof Api & string>(method: K, ...params: ParamsArgs<Api[K]>): AsyncGenerator<RpcItemOf<Api[K]>, void, undefined>;
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
  const transport = createTransport(options, 'JSON-RPC 2.0');
  // A dropped stream is resumed with the retry option's waits, or its defaults when retrying is off.
  const resumePolicy = RetryPolicy.of(options.retry || true);
  const post = (payload: unknown, callOptions?: RpcCallOptions, answered = true) =>
    transport.post(JSON.stringify(payload), callOptions, answered, idsOf(payload));
  let lastId = 0;
  const batcher = options.autoBatch ? new JsonRpcBatcher(post, maxBatchSizeOf(options.autoBatch)) : undefined;

  const request = (method: string, params: JsonRpcParams | undefined, id?: number) =>
    params === undefined ? { jsonrpc: '2.0', method, id } : { jsonrpc: '2.0', method, params, id };

  return {
    close: () => transport.close(),

    async call(method, ...[params, callOptions]) {
      const id = ++lastId;
      const payload = request(method, params as JsonRpcParams | undefined, id);
      if (batcher) {
        return batcher.add(payload, id, callOptions) as never;
      }
      const { status, value: answer } = await post(payload, callOptions);
      if (!isAnswer(answer) || (answer.id !== id && answer.id !== null)) {
        throw notJsonRpc(status);
      }
      if (answer.error) {
        throw toError(answer.error);
      }
      return answer.result as never;
    },

    async *stream(method, ...[params, callOptions]) {
      /** One connection's items, from after `lastEventId` when resuming: each connection is a call of its own id. */
      async function* open(lastEventId: string | undefined): AsyncGenerator<RpcResumableItem, void, undefined> {
        const id = ++lastId;
        const json = JSON.stringify(request(method, params as JsonRpcParams | undefined, id));
        const body = lastEventId === undefined ? json : withLastEventId(json, lastEventId);
        const isItem = (message: unknown) => isStreamItem(message, id);
        const cancelBody = jsonRpcCancelBody(JSON.stringify(id));
        for await (const { kind, value, status, eventId } of transport.stream(
          { body, socketBody: withStreamMember(body), cancelBody, isItem, id },
          callOptions,
        )) {
          if (kind === 'item') {
            // Over HTTP every event that is not `end` comes as an item: only this call's notifications are.
            if (isItem(value)) {
              const { item, eventId: carried } = (value as StreamItemMessage).params;
              yield { item, eventId: eventId ?? (typeof carried === 'string' ? carried : undefined) };
            }
            continue;
          }
          const result = resultOf(value, id, status);
          if (kind === 'whole') {
            yield { item: result, eventId: undefined };
          }
          return;
        }
      }
      const policy = callOptions?.resume === false ? undefined : resumePolicy;
      yield* resumableStream(open, error => error instanceof JsonRpcError, policy, callOptions?.signal) as AsyncGenerator<never, void, undefined>;
    },

    async notify(method, ...[params, callOptions]) {
      await post(request(method, params as JsonRpcParams | undefined), callOptions, false);
    },

    async batch(calls) {
      if (calls.length === 0) {
        return [];
      }
      const ids = calls.map(call => (call.notification ? undefined : ++lastId));
      const payload = calls.map((call, index) => request(call.method, call.params, ids[index]));
      // A batch of notifications only gets no answer (over WebSocket, no message at all).
      const { status, value: answer } = await post(
        payload,
        undefined,
        ids.some(id => id !== undefined),
      );
      if (isAnswer(answer) && answer.error) {
        throw toError(answer.error); // the whole batch was refused
      }
      const byId = answersById(answer);
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

/** A stream's item: `{"jsonrpc":"2.0","method":"rpc.stream","params":{"id":7,"item":...}}`. */
interface StreamItemMessage {
  method: typeof STREAM_ITEM_METHOD;
  params: { id: unknown; item: unknown; eventId?: unknown };
}

function isStreamItem(message: unknown, id: number): message is StreamItemMessage {
  const candidate = message as Partial<StreamItemMessage> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.method === STREAM_ITEM_METHOD && candidate.params?.id === id;
}

/** A call waiting for its batch to be sent. */
interface PendingCall {
  readonly payload: unknown;
  readonly id: number;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/**
 * Collects the calls made in one tick and sends them as batches of at most `maxBatchSize`; a
 * batch of one goes as a plain call. Each caller gets its own result or error; an abort or a
 * timeout rejects only its own caller (the batch's request goes on for the others).
 */
class JsonRpcBatcher {
  private queue: PendingCall[] = [];

  constructor(
    private readonly post: (payload: unknown) => Promise<{ status: number; value: unknown }>,
    private readonly maxBatchSize: number,
  ) {}

  add(payload: unknown, id: number, callOptions: RpcCallOptions = {}): Promise<unknown> {
    const result = new Promise<unknown>((resolve, reject) => {
      if (this.queue.length === 0) {
        queueMicrotask(() => this.flush());
      }
      this.queue.push({ payload, id, resolve, reject });
    });
    // The call's own deadline only: the client's timeout is the batch request's, which may carry others.
    return withDeadline(result, callOptions);
  }

  private flush(): void {
    const queue = this.queue;
    this.queue = [];
    for (let start = 0; start < queue.length; start += this.maxBatchSize) {
      void this.send(queue.slice(start, start + this.maxBatchSize));
    }
  }

  private async send(calls: PendingCall[]): Promise<void> {
    try {
      const single = calls.length === 1;
      const { status, value } = await this.post(single ? calls[0].payload : calls.map(call => call.payload));
      if (isAnswer(value) && value.error && (!single || value.id === null)) {
        const error = toError(value.error); // the whole batch was refused
        calls.forEach(call => call.reject(error));
        return;
      }
      const byId = single ? answersById([value]) : answersById(value);
      for (const call of calls) {
        const element = byId.get(call.id);
        if (!element) {
          call.reject(notJsonRpc(status));
        } else if (element.error) {
          call.reject(toError(element.error));
        } else {
          call.resolve(element.result);
        }
      }
    } catch (error) {
      calls.forEach(call => call.reject(error));
    }
  }
}

/** The ids of a request or a batch, by which a WebSocket finds its answer whenever it comes. */
function idsOf(payload: unknown): unknown[] | undefined {
  const ids = (Array.isArray(payload) ? payload : [payload]).map(request => (request as { id?: unknown }).id).filter(id => id !== undefined);
  return ids.length > 0 ? ids : undefined;
}

function maxBatchSizeOf(option: true | { maxBatchSize?: number }): number {
  const size = option === true ? undefined : option.maxBatchSize;
  return size !== undefined && Number.isInteger(size) && size > 0 ? size : 100;
}

function answersById(answer: unknown): Map<unknown, JsonRpcAnswer> {
  const byId = new Map<unknown, JsonRpcAnswer>();
  for (const element of Array.isArray(answer) ? answer : []) {
    if (isAnswer(element)) {
      byId.set(element.id, element);
    }
  }
  return byId;
}

/** A response's result, or its error thrown. */
function resultOf(answer: unknown, id: number, status: number): unknown {
  if (!isAnswer(answer) || (answer.id !== id && answer.id !== null)) {
    throw notJsonRpc(status);
  }
  if (answer.error) {
    throw toError(answer.error);
  }
  return answer.result;
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
