import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import { readBody } from '../http/read-body.js';
import type { McpHttpPlatform, McpRouteHandler, McpRouteLimits, McpRouteLookup } from './mcp-platform.interface.js';

type ExpressRequest = IncomingMessage & { [MCP_BODY]?: RpcBody | null };
type Handler = (request: ExpressRequest, response: ServerResponse, next: (error?: unknown) => void) => void;

interface ExpressApp {
  use(handler: Handler): unknown;
  post(path: string, handler: Handler): unknown;
  get(path: string, handler: Handler): unknown;
  delete(path: string, handler: Handler): unknown;
}

const MCP_BODY = Symbol('weerpc:mcp-body');

/** Express 5: an early middleware reads the MCP bodies (before the app's JSON parser); plain routes answer. */
export class McpExpressPlatform implements McpHttpPlatform {
  constructor(private readonly app: ExpressApp) {}

  installBodyReader(lookup: McpRouteLookup): void {
    this.app.use((request, _response, next) => {
      const limits = request.method === 'POST' ? lookup(request.url ?? '/') : undefined;
      if (!limits || request.readableEnded) {
        return next();
      }
      void readBody(request, limits.bodyLimit, request.headers['content-length'], limits.bodyTimeout).then(body => {
        request[MCP_BODY] = body;
        // An unfinished body is answered by the route; the app's middleware (sessions) still runs first.
        next();
      });
    });
  }

  addRoute(path: string, limits: McpRouteLimits, handler: McpRouteHandler): void {
    const answer: Handler = (request, response) => {
      void this.bodyOf(request, limits).then(body => handler(request, response, request, response, body));
    };
    this.app.post(path, answer);
    this.app.get(path, answer);
    this.app.delete(path, answer);
  }

  private async bodyOf(request: ExpressRequest, limits: McpRouteLimits): Promise<RpcBody | null | undefined> {
    if (request.method !== 'POST') {
      return undefined;
    }
    if (MCP_BODY in request) {
      return request[MCP_BODY];
    }
    // The reader missed it (a path spelled differently): read it here, unless a parser already did.
    return request.readableEnded
      ? { kind: 'parsed', value: (request as { body?: unknown }).body }
      : readBody(request, limits.bodyLimit, request.headers['content-length'], limits.bodyTimeout);
  }
}
