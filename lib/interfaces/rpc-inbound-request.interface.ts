import type { RpcBody } from './rpc-body.interface.js';

/** What the dispatcher needs of a request, whatever brought it (Express, Fastify). */
export interface RpcInboundRequest {
  /** The `Host` header as sent (host and port), if any. */
  readonly host: string | undefined;
  /** The request's session (express-session's `req.session`), if a session middleware ran. */
  readonly session: unknown;
  readonly contentType: string | undefined;
  /** The `Accept` header: `text/event-stream` asks for a stream's items as Server-Sent Events. */
  readonly accept: string | undefined;
  /** Whether a call's own `"stream": true` asks for its answer as a stream of messages (a WebSocket). */
  readonly streamMessages?: boolean;
  readonly body: RpcBody;
  /** The adapter's own request and response objects, for enhancers and parameter decorators. */
  readonly request: unknown;
  readonly response: unknown;
}
