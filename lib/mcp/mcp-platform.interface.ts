import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';

/** An MCP route as the platform reads its bodies: the endpoint's limits. */
export interface McpRouteLimits {
  readonly bodyLimit: number;
  readonly bodyTimeout: number;
}

/**
 * Called by the framework's route for the MCP path, after the app's own middleware and hooks
 * (sessions): the adapter's request and response (for guards and parameter decorators), Node's
 * raw ones (for the SDK's transport), and the POST body as our reader read it (`null`: the client
 * went away; `undefined`: not a POST).
 */
export type McpRouteHandler = (
  request: unknown,
  response: unknown,
  raw: IncomingMessage,
  rawResponse: ServerResponse,
  body: RpcBody | null | undefined,
) => void;

/** Finds the limits of the MCP route at a request path, if it is one. */
export type McpRouteLookup = (path: string) => McpRouteLimits | undefined;

/** What differs between Express and Fastify for the MCP route. */
export interface McpHttpPlatform {
  /** Called as soon as the adapter exists, before the app's body parser: the MCP bodies are ours to read. */
  installBodyReader(lookup: McpRouteLookup): void;
  /** Adds POST, GET and DELETE at `path`; called in `onModuleInit`, after the app's own middleware. */
  addRoute(path: string, limits: McpRouteLimits, handler: McpRouteHandler): void;
}
