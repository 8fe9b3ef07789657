import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { normalizeEndpointPath } from '../endpoints/endpoint-path.js';
import type { RpcEndpoint, RpcWsSettings } from '../endpoints/rpc-endpoint.interface.js';
import { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import { WeeRpcEndpoints } from '../endpoints/weerpc-endpoints.js';
import { WeeRpcDrain } from '../shutdown/weerpc-drain.js';
import type { RpcDrainWindow } from '../shutdown/rpc-drain-participant.interface.js';
import { WEERPC_LOGGER_CONTEXT } from '../weerpc.constants.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { answerUpgradeRequired, WeeRpcExpressUpgradePlatform } from './express-upgrade.platform.js';
import { WeeRpcFastifyUpgradePlatform } from './fastify-upgrade.platform.js';
import { setPendingUpgrade, takePendingUpgrade } from './pending-upgrade.js';
import { WeeRpcWsServer, type WebSocketServerClass } from './weerpc-ws.server.js';
import type { RpcWsPeer } from './ws-caller.js';
import type { RpcWsPlatform } from './ws-upgrade-platform.interface.js';

/**
 * Serves the endpoints that have the `ws` option over WebSocket, on the application's own HTTP
 * server: an upgrade request is run through the app like any request (its middleware and hooks,
 * so the session is there), reaches a GET route at the WebSocket path, and is handed to the
 * endpoint's `WeeRpcWsServer`. Without any `ws` option nothing is loaded or listened to. Its sockets
 * drain on shutdown (`WeeRpcDrain`); whatever is still open when the application shuts down is closed.
 */
@Injectable()
export class WeeRpcWsBinder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);
  private readonly servers = new Map<string, WeeRpcWsServer>();
  private httpServer?: Server;
  private platform?: RpcWsPlatform;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly endpoints: WeeRpcEndpoints,
    private readonly dispatcher: WeeRpcDispatcher,
    shutdown: WeeRpcDrain,
  ) {
    shutdown.register({ drain: window => this.drain(window) });
  }

  async onModuleInit(): Promise<void> {
    const adapter = this.adapterHost.httpAdapter;
    const served = this.endpoints.all().filter((endpoint): endpoint is RpcEndpoint & { ws: RpcWsSettings } => endpoint.ws !== null);
    if (!adapter || served.length === 0) {
      return;
    }
    const ServerClass = await loadWebSocketServer(served[0].path);
    this.platform = createPlatform(adapter.getType(), adapter.getInstance());
    for (const endpoint of served) {
      const server = new WeeRpcWsServer(ServerClass, endpoint, endpoint.ws, this.dispatcher);
      this.servers.set(normalizeEndpointPath(endpoint.ws.path), server);
      this.platform.addUpgradeRoute(endpoint.ws.path, (request, response, raw, rawResponse) => {
        const upgrade = takePendingUpgrade(raw);
        if (!upgrade) {
          return answerUpgradeRequired(rawResponse); // an upgrade header that did not come as an upgrade
        }
        rawResponse.detachSocket(upgrade.socket as never);
        const peer = { host: raw.headers.host, request: request as RpcWsPeer['request'], response: response as RpcWsPeer['response'] };
        server.accept(raw, upgrade.socket, upgrade.head, peer).catch(() => upgrade.socket.destroy());
      });
    }
    this.httpServer = adapter.getHttpServer() as Server;
    this.httpServer.on('upgrade', this.onUpgrade);
  }

  /** Every socket of every endpoint drains; upgrades still come (the listener is Nest's), and are closed 1001. */
  private async drain(window: RpcDrainWindow): Promise<void> {
    await Promise.all([...this.servers.values()].map(server => server.drain(window)));
  }

  async onApplicationShutdown(): Promise<void> {
    this.httpServer?.off('upgrade', this.onUpgrade);
    await Promise.all([...this.servers.values()].map(server => server.close()));
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const ours = this.servers.has(normalizeEndpointPath(request.url ?? '/'));
    if (!ours && this.httpServer!.listenerCount('upgrade') > 1) {
      return; // another WebSocket server on this HTTP server (a Nest gateway) owns that path
    }
    socket.on('error', () => socket.destroy());
    if (ours) {
      setPendingUpgrade(request, { socket, head });
    }
    // Through the app like any request: its middleware, hooks and router answer what is not ours.
    const response = new ServerResponse(request);
    response.assignSocket(socket as never);
    response.once('finish', () => socket.end());
    try {
      this.platform!.route(request, response);
    } catch (error) {
      this.logger.error(`Could not route an upgrade request to ${request.url}`, error instanceof Error ? error.stack : String(error));
      socket.destroy();
    }
  };
}

async function loadWebSocketServer(path: string): Promise<WebSocketServerClass> {
  try {
    const ws = await import('ws');
    return ws.WebSocketServer ?? (ws as unknown as { default: { WebSocketServer: WebSocketServerClass } }).default.WebSocketServer;
  } catch {
    throw new Error(BootstrapMessages.wsPackageMissing(path));
  }
}

function createPlatform(type: string, instance: unknown): RpcWsPlatform {
  if (type === 'fastify') {
    return new WeeRpcFastifyUpgradePlatform(instance as ConstructorParameters<typeof WeeRpcFastifyUpgradePlatform>[0]);
  }
  if (type === 'express') {
    return new WeeRpcExpressUpgradePlatform(instance as ConstructorParameters<typeof WeeRpcExpressUpgradePlatform>[0]);
  }
  throw new Error(BootstrapMessages.unsupportedAdapter(type));
}
