import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { WeeRpcEndpointPlanner } from './scanner/weerpc-endpoint.planner.js';
import { WeeRpcScanner } from './scanner/weerpc.scanner.js';
import { WeeRpcDispatcher } from './dispatch/weerpc.dispatcher.js';
import { WeeRpcEndpointsBuilder } from './endpoints/weerpc-endpoints.builder.js';
import { WeeRpcEndpoints } from './endpoints/weerpc-endpoints.js';
import { WeeRpcInvokerFactory } from './invoke/weerpc-invoker.factory.js';
import { WeeRpcHttpBinder } from './http/weerpc-http.binder.js';
import { WeeRpcWsBinder } from './ws/weerpc-ws.binder.js';
import { WeeRpcDrain } from './shutdown/weerpc-drain.js';
import { HttpDrain } from './http/http-drain.js';
import { WeeRpcMcpBinder } from './mcp/weerpc-mcp.binder.js';
import type {
  WeeRpcFeatureOptions,
  WeeRpcModuleAsyncOptions,
  WeeRpcModuleOptions,
  WeeRpcOptionsFactory,
} from './interfaces/weerpc-options.interface.js';
import { RpcResponse } from './response/rpc-response.js';
import { WeeRpcTelemetry } from './telemetry/weerpc-telemetry.js';
import { WEERPC_FEATURE_OPTIONS, WEERPC_MODULE_OPTIONS } from './weerpc.constants.js';
import { WeeRpcFeatureModule } from './weerpc-feature.module.js';
import { BootstrapMessages } from './weerpc.messages.js';

const CORE_PROVIDERS: Provider[] = [
  RpcResponse,
  WeeRpcScanner,
  WeeRpcEndpointPlanner,
  WeeRpcInvokerFactory,
  WeeRpcTelemetry,
  WeeRpcDispatcher,
  WeeRpcEndpointsBuilder,
  WeeRpcEndpoints,
  WeeRpcDrain,
  HttpDrain,
  WeeRpcHttpBinder,
  WeeRpcWsBinder,
  WeeRpcMcpBinder,
];

let featureCount = 0;

/**
 * weeRPC for Nest: `forRoot` once in the root module, `forFeature` in each feature module
 * that wants an endpoint of its own.
 */
@Module({})
export class WeeRpcModule {
  /**
   * Registers the root endpoint and makes `RpcResponse` injectable everywhere.
   *
   * @example WeeRpcModule.forRoot({ path: 'rpc', hostAuth: ['localhost:3000'] })
   */
  static forRoot(options: WeeRpcModuleOptions = {}): DynamicModule {
    return WeeRpcModule.root([{ provide: WEERPC_MODULE_OPTIONS, useValue: options }]);
  }

  /**
   * `forRoot` with options from a factory, a class or an existing provider (e.g. `ConfigService`).
   *
   * @example WeeRpcModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (c) => ({ path: c.get('RPC_PATH') }) })
   */
  static forRootAsync(options: WeeRpcModuleAsyncOptions): DynamicModule {
    return WeeRpcModule.root(asyncOptionsProviders(options), options.imports);
  }

  /**
   * Registers one more endpoint, serving the `@RpcFunction` methods of the importing module's providers.
   *
   * @example @Module({ imports: [WeeRpcModule.forFeature({ path: 'rpc/clients' })], providers: [ClientsService] })
   */
  static forFeature(options: WeeRpcFeatureOptions): DynamicModule {
    // The id keeps two identical calls from being merged into one module by Nest.
    const id = ++featureCount;
    return {
      module: WeeRpcFeatureModule,
      providers: [{ provide: WEERPC_FEATURE_OPTIONS, useValue: { ...options, id } }],
    };
  }

  private static root(optionsProviders: Provider[], imports: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: WeeRpcModule,
      global: true,
      imports,
      providers: [...optionsProviders, ...CORE_PROVIDERS],
      exports: [RpcResponse],
    };
  }
}

function asyncOptionsProviders(options: WeeRpcModuleAsyncOptions): Provider[] {
  if (options.useFactory) {
    return [{ provide: WEERPC_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }];
  }
  const factoryClass = options.useClass ?? options.useExisting;
  if (!factoryClass) {
    throw new Error(BootstrapMessages.missingAsyncStrategy);
  }
  const fromFactory: Provider = {
    provide: WEERPC_MODULE_OPTIONS,
    useFactory: (factory: WeeRpcOptionsFactory) => factory.createWeeRpcOptions(),
    inject: [factoryClass],
  };
  return options.useClass ? [fromFactory, { provide: factoryClass, useClass: factoryClass }] : [fromFactory];
}
