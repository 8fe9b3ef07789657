import type { RpcWebSocketOptions } from './rpc-web-socket.options.js';

/** When to try a call again; off unless the client's `retry` option is given. */
export interface RpcRetryOptions {
  /** Further attempts after the first. Default 2. */
  retries?: number;
  /** Milliseconds before the first retry when the server says nothing (`Retry-After`); doubled each time. Default 250. */
  delay?: number;
  /** The longest wait between attempts, `Retry-After` included. Default 10 000. */
  maxDelay?: number;
}

/** What both clients take to reach a server. */
export interface RpcTransportOptions extends RpcWebSocketOptions {
  /**
   * The endpoint's URL (`'/rpc'` in a page, `'http://localhost:3000/rpc'` in Node), or its
   * WebSocket's (`'ws://localhost:3000/rpc'`): then every call goes over one socket.
   */
  url: string;
  /** A `fetch` implementation; the global one by default. */
  fetch?: typeof fetch;
  /** Whether the browser sends cookies (the session): `'same-origin'` by default. */
  credentials?: RequestCredentials;
  /** Extra headers for every call (a cookie in Node, say); over WebSocket, for the upgrade (Node's `ws` only). */
  headers?: Record<string, string>;
  /** Milliseconds a call may take (for a stream: until its answer starts); none by default. A call's own `timeout` wins. */
  timeout?: number;
  /**
   * Try again after a network error or an HTTP 503/429 (waiting as its `Retry-After` says). Off by
   * default: a call that failed on the network may have run, so turn it on for calls safe to repeat.
   */
  retry?: boolean | RpcRetryOptions;
}
