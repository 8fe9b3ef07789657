import type { WeeRpcEventRetention, WeeRpcEventsOptions } from '../interfaces/weerpc-events-options.interface.js';
import { DEFAULT_EVENT_RETENTION_COUNT, DEFAULT_SUBSCRIBER_BUFFER } from '../weerpc.constants.js';
import { EventMessages } from '../weerpc.messages.js';

/** The options with their defaults filled in. */
export interface CheckedEventsOptions extends WeeRpcEventsOptions {
  readonly retention: WeeRpcEventRetention;
  readonly subscriberBuffer: number;
}

const isPositiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** Checks `WeeRpcEventsModule.forRoot`'s options at bootstrap: a wrong one fails the app's start, naming it. */
export function checkEventsOptions(options: WeeRpcEventsOptions): CheckedEventsOptions {
  const { redis, retention = {}, subscriberBuffer = DEFAULT_SUBSCRIBER_BUFFER } = options;
  if (redis !== undefined && typeof redis?.url !== 'string') {
    throw new Error(EventMessages.invalidOption('redis.url', 'a redis:// URL'));
  }
  if (retention.count !== undefined && !isPositiveInteger(retention.count)) {
    throw new Error(EventMessages.invalidOption('retention.count', 'a positive integer'));
  }
  if (retention.maxAge !== undefined && !isPositiveInteger(retention.maxAge)) {
    throw new Error(EventMessages.invalidOption('retention.maxAge', 'a positive integer (milliseconds)'));
  }
  if (!isPositiveInteger(subscriberBuffer)) {
    throw new Error(EventMessages.invalidOption('subscriberBuffer', 'a positive integer'));
  }
  const kept = retention.count === undefined && retention.maxAge === undefined ? { count: DEFAULT_EVENT_RETENTION_COUNT } : retention;
  return { ...options, retention: kept, subscriberBuffer };
}
