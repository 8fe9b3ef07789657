/**
 * The `ws` option of an endpoint: serve its functions over WebSocket too. Every message is one
 * request of the endpoint's protocols (batches too), answered on the same socket, in order.
 */
export interface WeeRpcWsOptions {
  /** The WebSocket's route; the global prefix applies. Default: the endpoint's own `path`. */
  path?: string;
  /**
   * Calls a socket may have unanswered at once; a message beyond that is answered at once with
   * `Too many calls in flight.` in the caller's protocol (JSON-RPC code -32008). Default 64.
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
}
