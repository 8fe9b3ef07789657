import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import type { McpInFlightCalls } from './mcp-in-flight.calls.js';
import type { McpSdk } from './mcp-sdk.loader.js';
import type { RpcMcpSettings } from '../endpoints/rpc-endpoint.interface.js';
import type { McpToolCalls } from './mcp-tool.calls.js';

/**
 * An SDK `Server` with the endpoint's tools, for one caller: one per HTTP request (stateless, so
 * any instance behind a balancer can answer), or one for a stdio process. Cheap: the tools, their
 * schemas and the JSON Schema validator were built once.
 */
export function createMcpServer(sdk: McpSdk, settings: RpcMcpSettings, calls: McpToolCalls, caller: RpcCaller, inFlight: McpInFlightCalls): Server {
  const { types } = sdk;
  const server = new sdk.Server(
    { name: settings.name, version: settings.version },
    {
      capabilities: { tools: { listChanged: false } },
      ...(settings.instructions !== undefined && { instructions: settings.instructions }),
      jsonSchemaValidator: sdk.validator,
    },
  );
  server.setRequestHandler(types.ListToolsRequestSchema, async () => ({ tools: await calls.list(caller) }));
  server.setRequestHandler(types.CallToolRequestSchema, async (request, extra) => {
    const running = inFlight.add(caller, extra.requestId);
    // The SDK's signal (this server closed, a cancellation it saw) stops the call as ours does.
    const stop = () => running.abort();
    extra.signal.addEventListener('abort', stop, { once: true });
    try {
      return await calls.call(caller, request.params, running, extra.sendNotification);
    } finally {
      extra.signal.removeEventListener('abort', stop);
      running.release();
    }
  });
  // Replaces the SDK's own handler, which only knows the requests of this server instance.
  server.setNotificationHandler(types.CancelledNotificationSchema, notification => {
    const { requestId, reason } = notification.params;
    if (requestId !== undefined) {
      inFlight.cancel(caller, requestId, reason);
    }
  });
  return server;
}
