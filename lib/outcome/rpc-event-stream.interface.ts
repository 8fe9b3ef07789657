import type { RpcCallId } from '../interfaces/rpc-call.interface.js';
import type { RpcOutcome } from './rpc-outcome.interface.js';

/** One event of a streamed answer (a Server-Sent Event, or a WebSocket message): its JSON, framed by the call's protocol. */
export interface RpcStreamEvent {
  readonly data: string;
  /** The event that closes the stream (SSE `event: end`): the final outcome. */
  readonly final: boolean;
  /** The item's event id (`withEventId`): Server-Sent Events send it as `id:` (a socket's message carries it in `data`). */
  readonly id?: string;
}

/** A streamed answer, read event by event by the transport that carries it. */
export interface RpcEventStream {
  /** The call's id (JSON-RPC), so that a WebSocket client can name the stream it wants stopped. */
  readonly callId: RpcCallId | undefined;
  /** The next event, `undefined` once the final event was read (or after `cancel()`). Never rejects. */
  next(): Promise<RpcStreamEvent | undefined>;
  /** The client went away: the producer is stopped and nothing more is read. */
  cancel(): void;
  /**
   * The client asked to stop (a WebSocket's cancel message): the producer is stopped, and the
   * final event (a success without data) still comes, so that the client's answer order holds.
   */
  stop(): void;
  /**
   * The server ends the stream (it is draining): the producer is stopped, and the final event
   * carries `outcome` (`Server shutting down.`) instead of a cut connection.
   */
  abort(outcome: RpcOutcome): void;
}
