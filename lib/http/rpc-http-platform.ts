import type { IncomingHttpHeaders } from 'node:http';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcHttpAnswer } from '../interfaces/rpc-codec.interface.js';
import type { RpcEndpoint } from '../interfaces/rpc-endpoint.interface.js';
import type { RpcHttpRequest } from '../interfaces/rpc-http-request.interface.js';

/** Answers one request of an endpoint: the dispatcher, seen from the HTTP side. */
export type RpcRequestHandler = (endpoint: RpcEndpoint, request: RpcHttpRequest) => Promise<RpcHttpAnswer>;

/** Finds the endpoint served at a request path, if any. */
export type RpcEndpointLookup = (path: string) => RpcEndpoint | undefined;

/** What differs between HTTP adapters: how bodies are read and how routes are added. */
export interface RpcHttpPlatform {
  /**
   * Called as soon as the adapter exists, before the application's own body parser is
   * registered, so that the endpoints' bodies are read by us and never by that parser.
   */
  installBodyReader(lookup: RpcEndpointLookup): void;
  /** Adds the endpoint's POST route; called in `onModuleInit`, after the user's own middleware. */
  registerEndpoint(endpoint: RpcEndpoint, handle: RpcRequestHandler): void;
  /** Whether a session middleware is installed, or `undefined` when it cannot be told. */
  hasSessionMiddleware(): boolean | undefined;
}

/** What the dispatcher reads of an adapter's request (both adapters keep Node's headers and a `session`). */
export function toRpcHttpRequest(
  request: { headers: IncomingHttpHeaders; session?: unknown },
  response: unknown,
  body: RpcBody,
): RpcHttpRequest {
  return {
    host: request.headers.host,
    session: request.session,
    contentType: request.headers['content-type'],
    body,
    request,
    response,
  };
}

/** Endpoint paths are compared like the router does by default: any case, trailing slash optional. */
export function normalizeEndpointPath(path: string): string {
  const query = path.indexOf('?');
  const pathname = query === -1 ? path : path.slice(0, query);
  return pathname.replace(/\/+$/, '').toLowerCase() || '/';
}
