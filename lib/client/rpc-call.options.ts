/** Options of one call or stream. */
export interface RpcCallOptions {
  /** Aborts the call (or stops the stream); the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds this call may take; rejects with a `TimeoutError` `DOMException`. For a stream: until its answer starts. */
  timeout?: number;
  /**
   * `stream()` only: reconnect when the connection drops mid-stream, sending the last event id seen
   * (`lastEventId`), so that the loop sees every event once, in order (waiting between attempts as
   * the client's `retry` option says, its defaults when it is off). Only a stream whose items have
   * event ids resumes. Default `true`; `false` lets the error through.
   */
  resume?: boolean;
}
