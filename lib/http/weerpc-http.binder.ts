import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import { WeeRpcEndpointsBuilder } from '../dispatch/weerpc-endpoints.builder.js';
import { normalizeEndpointPath } from '../dispatch/endpoint-path.js';
import type { RpcEndpoint } from '../dispatch/rpc-endpoint.interface.js';
import type { OpenRpcDocument } from '../openrpc/openrpc-document.interface.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { answerResource } from './discovery.handler.js';
import { WeeRpcExpressPlatform } from './express.platform.js';
import { WeeRpcFastifyPlatform } from './fastify.platform.js';
import type { RpcHttpPlatform } from './http-platform.interface.js';

/**
 * Puts every endpoint on the HTTP adapter as a route of its own (not a Nest controller), so
 * that global guards and interceptors run once per call, around the RPC method itself.
 */
@Injectable()
export class WeeRpcHttpBinder implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private platform?: RpcHttpPlatform;
  private readonly endpoints = new Map<string, RpcEndpoint>();
  private built: RpcEndpoint[] = [];

  constructor(
    adapterHost: HttpAdapterHost,
    private readonly builder: WeeRpcEndpointsBuilder,
    private readonly dispatcher: WeeRpcDispatcher,
  ) {
    // Fires when the adapter is set, before app.init() registers the application's body parser.
    adapterHost.init$.subscribe(() => {
      const adapter = adapterHost.httpAdapter;
      if (!adapter) {
        return;
      }
      this.platform = createPlatform(adapter.getType(), adapter.getInstance());
      this.platform.installBodyReader(path => this.endpoints.get(normalizeEndpointPath(path)));
    });
  }

  /** The OpenRPC document of each endpoint with `discovery` on, by path. */
  documents(): Record<string, OpenRpcDocument> {
    return Object.fromEntries(this.built.flatMap(({ path, discovery }) => (discovery ? [[path, discovery.document]] : [])));
  }

  onModuleInit(): void {
    const endpoints = this.builder.build();
    this.built = endpoints;
    if (!this.platform) {
      return; // an application context without HTTP
    }
    const handle = this.dispatcher.dispatch.bind(this.dispatcher);
    for (const endpoint of endpoints) {
      this.endpoints.set(normalizeEndpointPath(endpoint.path), endpoint);
      this.platform.registerEndpoint(endpoint, handle);
      for (const [path, resource] of endpoint.discovery?.resources ?? []) {
        this.platform.registerResource(path, request => answerResource(endpoint, resource, request));
      }
    }
  }

  onApplicationBootstrap(): void {
    const guarded = [...this.endpoints.values()].find(usesSessionAuth);
    if (guarded && this.platform?.hasSessionMiddleware() === false) {
      this.dispatcher.reportMissingSession(guarded.path);
    }
  }

  /** `app.close()` waits for every connection: end the event streams first (endless ones never would). */
  beforeApplicationShutdown(): void {
    this.platform?.closeStreams();
  }
}

function usesSessionAuth(endpoint: RpcEndpoint): boolean {
  return endpoint.access.session.length > 0 || [...endpoint.table.values()].some(entry => entry.access.session.length > 0);
}

function createPlatform(type: string, instance: unknown): RpcHttpPlatform {
  if (type === 'express') {
    return new WeeRpcExpressPlatform(instance as ConstructorParameters<typeof WeeRpcExpressPlatform>[0]);
  }
  if (type === 'fastify') {
    return new WeeRpcFastifyPlatform(instance as ConstructorParameters<typeof WeeRpcFastifyPlatform>[0]);
  }
  throw new Error(BootstrapMessages.unsupportedAdapter(type));
}
