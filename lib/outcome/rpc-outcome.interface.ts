/**
 * The protocol-neutral result of one call: what every codec turns into its own envelope,
 * and what the clients hand back.
 */
export interface RpcOutcome<T = unknown> {
  readonly ok: boolean;
  readonly message: string | null;
  readonly data: T | null;
}

/**
 * Why the module failed a call, in protocol-neutral terms. weeRPC shows the message (and, for a
 * few kinds, an HTTP status); JSON-RPC 2.0 maps each kind to an error code.
 */
export type RpcFailureKind =
  /** The Content-Type is not JSON, or the body is not UTF-8 JSON. */
  | 'not-json'
  /** The body is falsy (`{}`, `[]`, `null`, ...): weeRPC's `Request must not be empty.`. */
  | 'empty'
  /** The body is not a request of the protocol (wrong shape, batch too large). */
  | 'invalid-request'
  /** The request's protocol version is wrong, or one the endpoint does not accept. */
  | 'invalid-version'
  /** No function of that name on the endpoint. */
  | 'invalid-function'
  | 'no-functions'
  /** A session or host rule of the endpoint or the function failed. */
  | 'unauthorized'
  /** The body is over the endpoint's `bodyLimit`. */
  | 'too-large'
  /** The body was not whole within the endpoint's `bodyTimeout`. */
  | 'timed-out'
  /** A validation pipe refused the data; `data` holds the constraint messages. */
  | 'invalid-data'
  /** The function returned nothing (`undefined`). */
  | 'no-result'
  /** An `HttpException` was thrown (by the function, a guard, an interceptor or a pipe). */
  | 'rejected'
  /** A WebSocket call asks for a stream while the socket already has its `maxInFlight` streams open. */
  | 'busy'
  /**
   * The server is draining: a socket's call that arrived meanwhile (it did not run), or a stream
   * still running when `shutdown.drainTimeout` ended (its final event).
   */
  | 'shutting-down'
  /** Anything unexpected: logged on the server, never detailed to the client. */
  | 'internal';

/** A failure the module made; a function's own `RpcResponse.fail(...)` carries no kind. */
export interface RpcFailure extends RpcOutcome {
  readonly ok: false;
  readonly kind: RpcFailureKind;
  /** For `rejected`: the HTTP status of the thrown `HttpException`. */
  readonly exceptionStatus?: number;
}
