/**
 * The `ws` option of an endpoint: serve its functions over WebSocket too. Every message is one
 * request of the endpoint's protocols (batches too), answered on the same socket: weeRPC answers
 * in the order of the weeRPC messages, JSON-RPC answers (which carry their ids) as soon as ready.
 */
export interface WeeRpcWsOptions {
  /** The WebSocket's route; the global prefix applies. Default: the endpoint's own `path`. */
  path?: string;
  /**
   * Calls a socket may have running at once; beyond that the socket is not read until one ends
   * (TCP holds the client back), so no call is refused. Also the socket's open streams: a stream
   * beyond them is answered `Too many calls in flight.` (JSON-RPC code -32008). Default 64.
   */
  maxInFlight?: number;
  /** Milliseconds without a message (and no call running) before the server closes the socket (1001). `0` never. Default 120 000. */
  idleTimeout?: number;
  /** Milliseconds between pings; a socket that did not answer the previous ping is dropped. `0` never pings. Default 30 000. */
  heartbeatInterval?: number;
  /**
   * Origins (`https://app.example.com`) allowed beside the page's own. An upgrade whose `Origin`
   * names another host is refused (close 1008): browsers send cookies on cross-site upgrades.
   */
  allowedOrigins?: string[];
  /**
   * Session rules are checked against the session as the session store has it now, not as it was at
   * the upgrade: a logout over HTTP (or on another instance) refuses the socket's next call. The
   * socket reads its session from the store before a call when its last read is older than this
   * many milliseconds; `0` (the default) reads it for every call (one store read per call).
   */
  sessionRefresh?: number;
}
