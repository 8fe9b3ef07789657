import type { RpcEndpoint } from '../endpoints/rpc-endpoint.interface.js';
import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import type { RpcBodyInput } from '../dispatch/rpc-input.js';
import type { RpcAnswer } from '../outcome/rpc-answer.interface.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { RpcResourceAnswer } from './openrpc-resource.handler.js';

/** Answers a GET of a discovery route (the OpenRPC document, the explorer). */
export type RpcResourceHandler = (request: { headers: IncomingHttpHeaders; session?: unknown }, response: unknown) => Promise<RpcResourceAnswer>;

/** Answers one request of an endpoint: the core's one door, seen from the HTTP side. */
export type RpcRequestHandler = (endpoint: RpcEndpoint, caller: RpcCaller, input: RpcBodyInput) => Promise<RpcAnswer>;

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
  /** Adds a GET route (`discovery: true`), after the user's own middleware like the endpoint's. */
  registerResource(path: string, handle: RpcResourceHandler): void;
  /** Whether a session middleware is installed, or `undefined` when it cannot be told. */
  hasSessionMiddleware(): boolean | undefined;
}
