/**
 * A call's id as JSON-RPC 2.0 carries it: a string, a number or null; an integer id beyond
 * `Number.MAX_SAFE_INTEGER` is a `bigint` holding exactly the digits sent.
 */
export type RpcCallId = string | number | bigint | null;

/** One decoded call: the function's name and the data handed to it. */
export interface RpcCall {
  readonly function: string;
  readonly data: unknown;
  /**
   * The id the answer echoes, for protocols that have one (JSON-RPC 2.0). `undefined` for a
   * notification (no answer wanted) and for protocols without ids (weeRPC). Only codecs read it.
   */
  readonly id?: RpcCallId;
  /**
   * The request's `"stream": true`: over a WebSocket, the answer comes as a stream of messages
   * (each item, then the final answer). HTTP asks with `Accept: text/event-stream` instead.
   */
  readonly stream?: boolean;
  /**
   * The request's `"lastEventId"`: the last event id the client saw of an earlier stream, handed to
   * the function (`@RpcLastEventId()`) so that it resumes after it. Over Server-Sent Events the
   * `Last-Event-ID` header says the same when the body does not.
   */
  readonly lastEventId?: string;
}
