import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { RpcEventItem } from '../invoke/rpc-event-item.js';
import type { WeeRpcEventsOptions } from '../interfaces/weerpc-events-options.interface.js';
import { DEFAULT_EVENTS_KEY_PREFIX, WEERPC_EVENTS_OPTIONS } from '../weerpc.constants.js';
import type { EventBackend } from './event-backend.interface.js';
import { checkEventsOptions, type CheckedEventsOptions } from './events-options.check.js';
import { EventSubscription } from './event-subscription.js';
import { checkTopic } from './event-topic.js';
import { connectRedis } from './ioredis.loader.js';
import { MemoryEventBackend } from './memory-event.backend.js';
import { RedisEventBackend } from './redis-event.backend.js';

/** Events one replay read takes from the back-end, at most. */
const REPLAY_PAGE = 200;

/** How `subscribe` starts: after the client's last seen event, and until `signal` aborts. */
export interface WeeRpcSubscribeOptions {
  /** The last event id the client saw (`@RpcLastEventId()`): the events after it are replayed first. */
  readonly lastEventId?: string;
  /** Ends the subscription (the iteration is then done). */
  readonly signal?: AbortSignal;
}

/**
 * Publishes events to topics and subscribes to them, across every instance when the events module
 * has `redis`. A streaming function returns a subscription as its stream: each event goes out with
 * its id, and a client that reconnects with its last id gets what it missed, once and in order.
 *
 * @example
 * @RpcFunction() notify(data: { text: string }) { return this.publisher.publish('notifications', data); }
 * @RpcFunction() watch(_: null, @RpcLastEventId() lastEventId?: string) {
 *   return this.publisher.subscribe('notifications', { lastEventId });
 * }
 */
@Injectable()
export class WeeRpcPublisher implements OnModuleInit, OnApplicationShutdown {
  private backend?: EventBackend;
  private readonly options: CheckedEventsOptions;
  /** Every open subscription, ended at shutdown. */
  private readonly subscriptions = new Set<{ end(): void }>();

  constructor(@Inject(WEERPC_EVENTS_OPTIONS) options: WeeRpcEventsOptions) {
    this.options = checkEventsOptions(options);
  }

  async onModuleInit(): Promise<void> {
    const { redis, retention } = this.options;
    if (!redis) {
      this.backend = new MemoryEventBackend(retention);
      return;
    }
    const command = await connectRedis(redis.url);
    const backend = new RedisEventBackend(command, retention, redis.keyPrefix ?? DEFAULT_EVENTS_KEY_PREFIX);
    await backend.start();
    this.backend = backend;
  }

  /** Ends every subscription (their streams end as a success) and closes the back-end's connections. */
  async onApplicationShutdown(): Promise<void> {
    for (const subscription of this.subscriptions) {
      subscription.end();
    }
    await this.backend?.close();
  }

  /**
   * Publishes `payload` (any JSON value; it is copied as JSON) to `topic`, for every subscriber of
   * every instance; resolves to the event's id. A topic is 1 to 200 letters, digits and `. _ - : /`
   * (a `BadRequestException` otherwise).
   */
  async publish(topic: string, payload: unknown): Promise<string> {
    return this.ready().append(checkTopic(topic), payload);
  }

  /**
   * The events of `topic` from now on (after `lastEventId` when given), as an `AsyncIterable` of
   * `RpcEventItem`s that a streaming function returns as is. Fails, at its first read, with
   * a `GoneException` when events after `lastEventId` are no longer kept (`retention`), and later
   * with a `ServiceUnavailableException` when its reader falls `subscriberBuffer` events behind.
   */
  subscribe<T = unknown>(topic: string, options: WeeRpcSubscribeOptions = {}): AsyncIterableIterator<RpcEventItem<T>> {
    const name = checkTopic(topic);
    const backend = this.ready();
    const { signal, lastEventId } = options;
    const stop = () => subscription.end();
    const subscription: EventSubscription<T> = new EventSubscription<T>(this.options.subscriberBuffer, () => {
      backend.unlisten(name, subscription);
      signal?.removeEventListener('abort', stop);
      this.subscriptions.delete(subscription);
    });
    this.subscriptions.add(subscription);
    if (signal?.aborted) {
      subscription.end();
      return subscription;
    }
    signal?.addEventListener('abort', stop, { once: true });
    this.start(subscription, name, lastEventId).catch(error => subscription.fail(error));
    return subscription;
  }

  /**
   * Position, listen, replay, live: the order that leaves no gap. The back-end's live read of a new
   * topic starts at its tail (fetched before listening), the replay reads from the position up to
   * the present, and what both bring is queued once.
   */
  private async start<T>(subscription: EventSubscription<T>, topic: string, lastEventId: string | undefined): Promise<void> {
    const backend = this.ready();
    const tail = await backend.tail(topic);
    const from = lastEventId === undefined ? tail : await backend.resumeFrom(topic, lastEventId);
    if (subscription.closed) {
      return;
    }
    subscription.startAfter(from, backend.positionOf(from));
    backend.listen(topic, subscription, tail);
    // A page fits in the room `room()` waits for, so that a backlog longer than the buffer is paced, not refused.
    const pageSize = Math.max(1, Math.min(REPLAY_PAGE, Math.floor(this.options.subscriberBuffer / 2)));
    do {
      for (;;) {
        await subscription.room();
        if (subscription.closed) {
          return;
        }
        const page = await backend.read(topic, subscription.position ?? from, pageSize);
        for (const entry of page) {
          subscription.replay(entry);
        }
        if (page.length < pageSize) {
          break;
        }
      }
    } while (!subscription.closed && !subscription.live());
  }

  private ready(): EventBackend {
    if (!this.backend) {
      throw new Error('WeeRpcPublisher is used before its module was initialised.');
    }
    return this.backend;
  }
}
