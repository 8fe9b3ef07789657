import type { JsonAnswer } from './rpc-transport.interface.js';

/** A call waiting on the socket for its answer; the server answers in order, so the oldest waiter takes each message. */
export interface WsWaiter {
  resolve(answer: JsonAnswer): void;
  reject(error: Error): void;
  /** A streamed call's: takes the messages that are its items (`true`); its final answer goes to `resolve`. */
  item?(message: unknown): boolean;
}
