import type { RpcEventStream } from './rpc-event-stream.interface.js';

/** An encoded answer, ready to send: the status and the serialized body (empty for 204). */
export interface RpcAnswer {
  readonly status: number;
  readonly body: string;
  /** A streamed answer (`Accept: text/event-stream`): sent as Server-Sent Events instead of `body`. */
  readonly events?: RpcEventStream;
}
