import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type {
  WeeRpcEventsModuleAsyncOptions,
  WeeRpcEventsOptions,
  WeeRpcEventsOptionsFactory,
} from '../interfaces/weerpc-events-options.interface.js';
import { WEERPC_EVENTS_OPTIONS } from '../weerpc.constants.js';
import { EventMessages } from '../weerpc.messages.js';
import { WeeRpcPublisher } from './weerpc.publisher.js';

/**
 * Live events (docs/events.md): makes `WeeRpcPublisher` injectable everywhere. In memory by default
 * (one instance); with `redis`, on Redis Streams, so that every instance's subscribers get every event.
 *
 * @example WeeRpcEventsModule.forRoot({ redis: { url: 'redis://localhost:6379' }, retention: { count: 10_000 } })
 */
@Module({})
export class WeeRpcEventsModule {
  static forRoot(options: WeeRpcEventsOptions = {}): DynamicModule {
    return WeeRpcEventsModule.root([{ provide: WEERPC_EVENTS_OPTIONS, useValue: options }]);
  }

  /**
   * `forRoot` with options from a factory, a class or an existing provider (e.g. `ConfigService`);
   * the publisher checks them as it checks `forRoot`'s.
   *
   * @example WeeRpcEventsModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (c) => ({ redis: { url: c.get('REDIS_URL') } }) })
   */
  static forRootAsync(options: WeeRpcEventsModuleAsyncOptions): DynamicModule {
    return WeeRpcEventsModule.root(asyncOptionsProviders(options), options.imports);
  }

  private static root(optionsProviders: Provider[], imports: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: WeeRpcEventsModule,
      global: true,
      imports,
      providers: [...optionsProviders, WeeRpcPublisher],
      exports: [WeeRpcPublisher],
    };
  }
}

/** The options' provider for one strategy, as `WeeRpcModule.forRootAsync` builds it. */
function asyncOptionsProviders(options: WeeRpcEventsModuleAsyncOptions): Provider[] {
  if (options.useFactory) {
    return [{ provide: WEERPC_EVENTS_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }];
  }
  const factoryClass = options.useClass ?? options.useExisting;
  if (!factoryClass) {
    throw new Error(EventMessages.missingAsyncStrategy);
  }
  const fromFactory: Provider = {
    provide: WEERPC_EVENTS_OPTIONS,
    useFactory: (factory: WeeRpcEventsOptionsFactory) => factory.createWeeRpcEventsOptions(),
    inject: [factoryClass],
  };
  return options.useClass ? [fromFactory, { provide: factoryClass, useClass: factoryClass }] : [fromFactory];
}
