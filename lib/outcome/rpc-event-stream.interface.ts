/** One Server-Sent Event of a streamed answer: its JSON, already framed by the call's protocol. */
export interface RpcStreamEvent {
  readonly data: string;
  /** The event that closes the stream (SSE `event: end`): the final outcome. */
  readonly final: boolean;
}

/** A streamed answer, read event by event by the HTTP side; `cancel()` when the client went away. */
export interface RpcEventStream {
  /** The next event, `undefined` once the final event was read. Never rejects. */
  next(): Promise<RpcStreamEvent | undefined>;
  cancel(): void;
}
