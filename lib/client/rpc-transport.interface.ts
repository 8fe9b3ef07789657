import type { RpcCallOptions } from './rpc-call.options.js';

/** An answer's HTTP status and parsed body; `value` is `undefined` for an empty 204. */
export interface JsonAnswer {
  readonly status: number;
  readonly value: unknown;
}

/** One frame of a streamed answer, parsed, as the transport read it; the client reads it in its protocol. */
export interface RpcStreamFrame {
  /**
   * `item`: one item; `end`: the final answer, which closes the stream; `whole`: a plain answer
   * (over HTTP, a function that does not stream, or a call refused before its stream started).
   */
  readonly kind: 'item' | 'end' | 'whole';
  readonly value: unknown;
  readonly status: number;
  /** A Server-Sent Event's `id:` (a WebSocket message carries its event id in `value`). */
  readonly eventId?: string;
}

/** A call whose answer may stream, in the forms each transport sends. */
export interface RpcStreamRequest {
  /** The call as POSTed (with `Accept: text/event-stream`). */
  readonly body: string;
  /** The call as a WebSocket message: with `"stream": true`. */
  readonly socketBody: string;
  /** The WebSocket message that stops this call's stream. */
  readonly cancelBody: string;
  /** Over a WebSocket: whether a message is one of this call's items (any other message is its final answer). */
  isItem(message: unknown): boolean;
  /** The call's JSON-RPC id: over a WebSocket its messages are found by it, not by their order. */
  readonly id?: unknown;
}

/**
 * How a client reaches its server: over HTTP (a POST per call, Server-Sent Events for streams) or
 * over one WebSocket. The clients speak their protocol; a transport only moves JSON texts.
 */
export interface RpcTransport {
  /**
   * Sends a body and waits for its whole JSON answer; `answered: false` for a JSON-RPC notification
   * (no answer). `ids`: the JSON-RPC ids the body carries, by which a WebSocket finds its answer.
   */
  post(body: string, options?: RpcCallOptions, answered?: boolean, ids?: readonly unknown[]): Promise<JsonAnswer>;
  /**
   * Sends a call whose answer may be a stream and yields its frames: Server-Sent Events over HTTP,
   * messages over a WebSocket. Leaving the loop stops the server's producer.
   */
  stream(request: RpcStreamRequest, options?: RpcCallOptions): AsyncGenerator<RpcStreamFrame, void, undefined>;
  /** Closes the WebSocket (nothing to do over HTTP); later calls fail. */
  close(): void;
}
