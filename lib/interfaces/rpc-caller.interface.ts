/**
 * How a surface can hand a stream's items to its caller:
 * - `events`: as Server-Sent Events (an HTTP request that sent `Accept: text/event-stream`);
 * - `messages`: as messages, for each call that asks with `"stream": true` (a WebSocket);
 * - `items`: the stream itself, which the surface sends as replies of its own (a broker);
 * - `none`: not at all: a stream's items are answered as one array.
 */
export type RpcStreamDelivery = 'events' | 'messages' | 'items' | 'none';

/**
 * What a surface knows of who calls, whatever brought the call (HTTP, a socket, a broker): all
 * that the checks and the enhancers read. No surface fakes what it does not have.
 */
export interface RpcCaller {
  /** The `Host` the caller named (host and port), or `undefined` where there is none (a broker). */
  readonly host: string | undefined;
  /**
   * The caller's session (express-session's `req.session`); `undefined` when no session middleware
   * ran, `null` when the surface knows there is none (session rules fail closed either way).
   */
  readonly session: unknown;
  /** The request's headers (lower-case names); empty where the surface has none. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly streams: RpcStreamDelivery;
  /** The surface's own request and response objects, for enhancers and parameter decorators. */
  readonly request: unknown;
  readonly response: unknown;
}
