import type { INestApplicationContext } from '@nestjs/common';
import type { Readable, Writable } from 'node:stream';
import { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import type { RpcEndpoint, RpcMcpSettings } from '../endpoints/rpc-endpoint.interface.js';
import { WeeRpcEndpoints } from '../endpoints/weerpc-endpoints.js';
import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import { McpMessages } from '../weerpc.messages.js';
import { McpInFlightCalls } from './mcp-in-flight.calls.js';
import { loadMcpSdk } from './mcp-sdk.loader.js';
import { createMcpServer } from './mcp-server.factory.js';
import { McpToolCalls } from './mcp-tool.calls.js';

/** Options of `WeeRpcMcp.stdio`. */
export interface WeeRpcMcpStdioOptions {
  /** The endpoint whose tools are served (its full path, `/rpc`); by default the first endpoint with `mcp`. */
  path?: string;
  /** Where messages come from and go to; the process's stdin and stdout by default. */
  stdin?: Readable;
  stdout?: Writable;
}

/** A running stdio MCP server. */
export interface WeeRpcMcpStdio {
  /** Stops serving (the application context stays open). */
  close(): Promise<void>;
}

/**
 * MCP servers that are not the HTTP route: `stdio` for agents that start the server as a
 * process of their own (`"command": "node dist/mcp.js"`).
 */
export const WeeRpcMcp = {
  /**
   * Serves an endpoint's tools over stdin/stdout, for one local agent. The caller has no session
   * and no host, so tools behind session or host rules are hidden, and a request with no headers
   * is what guards see. Nothing else may write to stdout: create the context with
   * `logger: ['error', 'warn']` (Nest writes those to stderr).
   *
   * @example const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
   * await WeeRpcMcp.stdio(app);
   */
  async stdio(app: INestApplicationContext, options: WeeRpcMcpStdioOptions = {}): Promise<WeeRpcMcpStdio> {
    await app.init();
    const endpoints = app.get(WeeRpcEndpoints, { strict: false });
    const endpoint = pickEndpoint(endpoints.all(), options.path, path => endpoints.byPath(path));
    const sdk = await loadMcpSdk(endpoint.path);
    const calls = new McpToolCalls(sdk, endpoint, endpoint.mcp, app.get(WeeRpcDispatcher, { strict: false }));
    const caller: RpcCaller = { host: undefined, session: null, headers: {}, streams: 'items', request: { headers: {} }, response: undefined };
    const server = createMcpServer(sdk, endpoint.mcp, calls, caller, new McpInFlightCalls());
    await server.connect(new sdk.StdioServerTransport(options.stdin, options.stdout));
    return { close: () => server.close() };
  },
};

function pickEndpoint(
  all: readonly RpcEndpoint[],
  path: string | undefined,
  byPath: (path: string) => RpcEndpoint | undefined,
): RpcEndpoint & { mcp: RpcMcpSettings } {
  const endpoint = path === undefined ? all.find(candidate => candidate.mcp !== null) : byPath(path);
  if (!endpoint?.mcp) {
    throw new Error(McpMessages.noStdioEndpoint(all.filter(candidate => candidate.mcp !== null).map(candidate => candidate.path)));
  }
  return endpoint as RpcEndpoint & { mcp: RpcMcpSettings };
}
