import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Called by the framework's route for the WebSocket path, after the app's own middleware and
 * hooks (sessions, cookies) ran on the upgrade request: the adapter's request and response, and
 * Node's raw request.
 */
export type RpcUpgradeHandler = (request: unknown, response: unknown, raw: IncomingMessage, rawResponse: ServerResponse) => void;

/** What differs between Express and Fastify for WebSocket upgrades. */
export interface RpcWsPlatform {
  /** Adds a GET route at `path` that hands upgrade requests to `handler` (and answers 426 to plain GETs). */
  addUpgradeRoute(path: string, handler: RpcUpgradeHandler): void;
  /** Runs the app (middleware, hooks, router) on a request that came in as an HTTP upgrade. */
  route(request: IncomingMessage, response: ServerResponse): void;
}
