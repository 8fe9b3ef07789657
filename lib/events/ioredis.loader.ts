import { EventMessages } from '../weerpc.messages.js';

/** What the Redis back-end uses of an ioredis connection. */
export interface RedisConnection {
  call(command: string, args: (string | number)[]): Promise<unknown>;
  /** A new connection with the same options, some overridden (ioredis's `RedisOptions`). */
  duplicate(override?: Record<string, unknown>): RedisConnection;
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

type RedisConstructor = new (url: string, options: Record<string, unknown>) => RedisConnection;

/**
 * ioredis is an optional peer: imported dynamically, only when `redis` is configured, so that apps on
 * the in-memory back-end never load it (nor need it installed).
 */
export async function connectRedis(url: string): Promise<RedisConnection> {
  let Redis: RedisConstructor;
  try {
    const loaded = (await import('ioredis')) as unknown as { Redis?: RedisConstructor; default?: RedisConstructor };
    Redis = (loaded.Redis ?? loaded.default)!;
  } catch (error) {
    throw new Error(EventMessages.redisMissing(error instanceof Error ? error.message : String(error)), { cause: error });
  }
  // Commands wait for a reconnect rather than failing after a count of retries: a publisher during
  // a Redis restart is late, not lost.
  return new Redis(url, { maxRetriesPerRequest: null });
}
