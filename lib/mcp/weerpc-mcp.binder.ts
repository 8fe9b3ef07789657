import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import { normalizeEndpointPath } from '../endpoints/endpoint-path.js';
import type { RpcEndpoint, RpcMcpSettings } from '../endpoints/rpc-endpoint.interface.js';
import { WeeRpcEndpoints } from '../endpoints/weerpc-endpoints.js';
import { whenHttpAdapterSet } from '../http/http-adapter-set.js';
import { HttpDrain } from '../http/http-drain.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { McpExpressPlatform } from './mcp-express.platform.js';
import { McpFastifyPlatform } from './mcp-fastify.platform.js';
import type { McpHttpPlatform, McpRouteLimits } from './mcp-platform.interface.js';
import { loadMcpSdk } from './mcp-sdk.loader.js';
import { WeeRpcMcpServer } from './weerpc-mcp.server.js';

/**
 * Serves the endpoints that have the `mcp` option as Streamable HTTP MCP servers on the app's own
 * HTTP adapter, one route per endpoint (after the app's middleware, so sessions are there).
 * Without any `mcp` option nothing is loaded: the SDK is imported only then.
 */
@Injectable()
export class WeeRpcMcpBinder implements OnModuleInit {
  private platform?: McpHttpPlatform;
  /** The MCP routes by normalized path, for the early body reader; filled in `onModuleInit`. */
  private readonly routes = new Map<string, McpRouteLimits>();

  constructor(
    adapterHost: HttpAdapterHost,
    private readonly endpoints: WeeRpcEndpoints,
    private readonly dispatcher: WeeRpcDispatcher,
    /** MCP requests take part in the drain as the endpoint's own HTTP requests do. */
    private readonly drain: HttpDrain,
  ) {
    whenHttpAdapterSet(adapterHost, (type, instance) => {
      this.platform = createPlatform(type, instance);
      this.platform.installBodyReader(path => this.routes.get(normalizeEndpointPath(path)));
    });
  }

  async onModuleInit(): Promise<void> {
    const served = this.endpoints.all().filter((endpoint): endpoint is RpcEndpoint & { mcp: RpcMcpSettings } => endpoint.mcp !== null);
    if (!this.platform || served.length === 0) {
      return; // no HTTP (an application context: see WeeRpcMcp.stdio), or no endpoint with `mcp`
    }
    const sdk = await loadMcpSdk(served[0].path);
    for (const endpoint of served) {
      const server = new WeeRpcMcpServer(sdk, endpoint, endpoint.mcp, this.dispatcher, this.drain);
      const limits = { bodyLimit: endpoint.bodyLimit, bodyTimeout: endpoint.bodyTimeout };
      this.platform.addRoute(endpoint.mcp.path, limits, (request, response, raw, rawResponse, body) =>
        server.handle(request, response, raw, rawResponse, body),
      );
      this.routes.set(normalizeEndpointPath(endpoint.mcp.path), limits);
    }
  }
}

function createPlatform(type: string, instance: unknown): McpHttpPlatform {
  if (type === 'express') {
    return new McpExpressPlatform(instance as ConstructorParameters<typeof McpExpressPlatform>[0]);
  }
  if (type === 'fastify') {
    return new McpFastifyPlatform(instance as ConstructorParameters<typeof McpFastifyPlatform>[0]);
  }
  throw new Error(BootstrapMessages.unsupportedAdapter(type));
}
