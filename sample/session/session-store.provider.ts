import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RedisStore } from 'connect-redis';
import { createClient, type RedisClientType } from 'redis';

/** Where sessions live: the process's memory (the default, one instance) or Redis (shared by many). */
export type SessionStoreKind = 'memory' | 'redis';

/**
 * The session store of the sample. With Redis, every instance behind a load balancer sees the same
 * sessions; when Redis is away, commands fail at once (no offline queue) so that requests fail
 * closed instead of waiting, and the client reconnects by itself.
 */
export class SessionStoreProvider implements OnApplicationShutdown {
  private readonly logger = new Logger('SessionStore');
  private redisUp = true;

  private constructor(
    /**
     * connect-redis's store, which serves both express-session and @fastify/session (it has their
     * callback-style get/set/destroy); `undefined` for the session plugin's own in-memory store.
     */
    readonly store: RedisStore | undefined,
    private readonly client?: RedisClientType,
    private readonly connected: Promise<unknown> = Promise.resolve(),
  ) {}

  static memory(): SessionStoreProvider {
    return new SessionStoreProvider(undefined);
  }

  static redis(url: string): SessionStoreProvider {
    const client: RedisClientType = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2_000, reconnectStrategy: retries => Math.min(100 * 2 ** retries, 2_000) },
    });
    // Not awaited here: the app starts (and open functions answer) even while Redis is away.
    const connected = client.connect().catch(() => undefined);
    const provider = new SessionStoreProvider(new RedisStore({ client, prefix: 'weerpc:sess:' }), client, connected);
    provider.watch(client, url);
    return provider;
  }

  /** Gives the store up to `timeoutMs` to connect, so the first logins after a start find it; never fails. */
  async settle(timeoutMs = 2_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise(resolve => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.connected, timeout]);
    clearTimeout(timer);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) {
      await this.client.close();
    }
  }

  /** Says once when Redis goes away and once when it is back, not at every retry. */
  private watch(client: RedisClientType, url: string): void {
    client.on('error', (error: Error) => {
      if (this.redisUp) {
        this.redisUp = false;
        this.logger.error(`Redis at ${url} is unavailable (${error.message}): session-protected calls answer Unauthorized. until it returns.`);
      }
    });
    client.on('ready', () => {
      if (!this.redisUp) {
        this.logger.log(`Redis at ${url} is back: sessions work again.`);
      }
      this.redisUp = true;
    });
  }
}
