import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { RpcEndpoint } from '../endpoints/rpc-endpoint.interface.js';
import { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import { WeeRpcEndpoints } from '../endpoints/weerpc-endpoints.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { HttpDrain } from './http-drain.js';
import { whenHttpAdapterSet } from './http-adapter-set.js';
import { answerResource } from './openrpc-resource.handler.js';
import { WeeRpcExpressPlatform } from './express.platform.js';
import { WeeRpcFastifyPlatform } from './fastify.platform.js';
import type { RpcHttpPlatform } from './http-platform.interface.js';

/**
 * Puts every endpoint on the HTTP adapter as a route of its own (not a Nest controller), so
 * that global guards and interceptors run once per call, around the RPC method itself. Its
 * requests and event streams take part in the drain on shutdown.
 */
@Injectable()
export class WeeRpcHttpBinder implements OnModuleInit, OnApplicationBootstrap {
  private platform?: RpcHttpPlatform;
  private bound = false;

  constructor(
    adapterHost: HttpAdapterHost,
    private readonly endpoints: WeeRpcEndpoints,
    private readonly dispatcher: WeeRpcDispatcher,
    private readonly drain: HttpDrain,
  ) {
    whenHttpAdapterSet(adapterHost, (type, instance) => {
      this.platform = createPlatform(type, instance, this.drain);
      // Requests can only reach the body reader once the routes are bound, after onModuleInit.
      this.platform.installBodyReader(path => (this.bound ? this.endpoints.byPath(path) : undefined));
    });
  }

  onModuleInit(): void {
    if (!this.platform) {
      return; // an application context without HTTP
    }
    const handle = this.dispatcher.execute.bind(this.dispatcher);
    for (const endpoint of this.endpoints.all()) {
      this.platform.registerEndpoint(endpoint, handle);
      for (const [path, resource] of endpoint.discovery?.resources ?? []) {
        this.platform.registerResource(path, (request, response) => answerResource(this.dispatcher, endpoint, resource, request, response));
      }
    }
    this.bound = true;
  }

  onApplicationBootstrap(): void {
    const guarded = this.platform && this.endpoints.all().find(usesSessionAuth);
    if (guarded && this.platform?.hasSessionMiddleware() === false) {
      this.dispatcher.reportMissingSession(guarded.path);
    }
  }
}

function usesSessionAuth(endpoint: RpcEndpoint): boolean {
  return endpoint.access.session.length > 0 || [...endpoint.table.values()].some(entry => entry.access.session.length > 0);
}

function createPlatform(type: string, instance: unknown, drain: HttpDrain): RpcHttpPlatform {
  if (type === 'express') {
    return new WeeRpcExpressPlatform(instance as ConstructorParameters<typeof WeeRpcExpressPlatform>[0], drain);
  }
  if (type === 'fastify') {
    return new WeeRpcFastifyPlatform(instance as ConstructorParameters<typeof WeeRpcFastifyPlatform>[0], drain);
  }
  throw new Error(BootstrapMessages.unsupportedAdapter(type));
}
