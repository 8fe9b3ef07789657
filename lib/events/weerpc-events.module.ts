import { Module, type DynamicModule } from '@nestjs/common';
import type { WeeRpcEventsOptions } from '../interfaces/weerpc-events-options.interface.js';
import { WEERPC_EVENTS_OPTIONS } from '../weerpc.constants.js';
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
    return {
      module: WeeRpcEventsModule,
      global: true,
      providers: [{ provide: WEERPC_EVENTS_OPTIONS, useValue: options }, WeeRpcPublisher],
      exports: [WeeRpcPublisher],
    };
  }
}
