import type { JsonAnswer } from './rpc-transport.interface.js';

/**
 * A call waiting on the socket for its answer. A JSON-RPC call names its ids: its answer and its
 * stream's items (which carry them) come whenever they are ready. A weeRPC call names none: the
 * server answers those in order, so the oldest such waiter takes each message without an id.
 */
export interface WsWaiter {
  resolve(answer: JsonAnswer): void;
  reject(error: Error): void;
  /** A streamed call's: takes the messages that are its items (`true`); its final answer goes to `resolve`. */
  item?(message: unknown): boolean;
  /** The JSON-RPC ids of the call (a batch's: each of its calls'); none for weeRPC. */
  ids?: readonly unknown[];
}
