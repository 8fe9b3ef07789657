/** Options of one call or stream. */
export interface RpcCallOptions {
  /** Aborts the call (or stops the stream); the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds this call may take; rejects with a `TimeoutError` `DOMException`. For a stream: until its answer starts. */
  timeout?: number;
}
