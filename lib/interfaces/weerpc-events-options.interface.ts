import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency, Type } from '@nestjs/common';

/** How long a topic keeps its events for subscribers that resume: the last `count` events, those of the last `maxAge` ms, or both. */
export interface WeeRpcEventRetention {
  /** Events kept per topic (default 1 000 when neither is given). */
  readonly count?: number;
  /** Milliseconds an event is kept (on Redis, by its stream id's time). */
  readonly maxAge?: number;
}

/** The Redis back-end: topics are Redis Streams, so every instance sees every event and a resume replays what was missed. */
export interface WeeRpcEventsRedisOptions {
  /** A `redis://` URL, as ioredis takes it. */
  readonly url: string;
  /** The prefix of the streams' keys (default `weerpc:events:`). */
  readonly keyPrefix?: string;
}

/** Options of `WeeRpcEventsModule.forRoot`. */
export interface WeeRpcEventsOptions {
  /** Redis Streams (every instance) instead of the in-memory default (one instance). Needs the `ioredis` package. */
  readonly redis?: WeeRpcEventsRedisOptions;
  /** What a topic keeps for resuming subscribers (default: the last 1 000 events). */
  readonly retention?: WeeRpcEventRetention;
  /**
   * Events a subscriber may have waiting (its reader slower than the publishers) before it fails with
   * `Subscriber too slow: its events were dropped.` (default 1 000): memory stays bounded.
   */
  readonly subscriberBuffer?: number;
}

/** A class that builds the events options, for `WeeRpcEventsModule.forRootAsync({ useClass })` or `{ useExisting }`. */
export interface WeeRpcEventsOptionsFactory {
  createWeeRpcEventsOptions(): WeeRpcEventsOptions | Promise<WeeRpcEventsOptions>;
}

/** Options of `WeeRpcEventsModule.forRootAsync`: exactly one of `useFactory`, `useClass`, `useExisting`. */
export interface WeeRpcEventsModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory?: (...args: any[]) => WeeRpcEventsOptions | Promise<WeeRpcEventsOptions>;
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useClass?: Type<WeeRpcEventsOptionsFactory>;
  useExisting?: Type<WeeRpcEventsOptionsFactory>;
}
