import { Logger, type INestApplication } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { connectRedisTransport } from './microservice/redis-transport.js';
import { createExpressSampleApp } from './platform/express-sample-app.factory.js';
import { createFastifySampleApp } from './platform/fastify-sample-app.factory.js';
import type { SampleWebSetup } from './platform/sample-web.interface.js';
import { SessionStoreProvider } from './session/session-store.provider.js';
import { browserModules, DATABASE_FILE, DEFAULT_REDIS_URL, type SampleConfig } from './sample.config.js';

/** What `createSampleApp` needs: where the data lives and how sessions are signed; Express, in-memory sessions and HTTP alone unless told. */
export type SampleAppOptions = Pick<SampleConfig, 'dataDir' | 'sessionSecret'> &
  Partial<Pick<SampleConfig, 'adapter' | 'sessionStore' | 'microservice' | 'redisUrl'>> &
  Pick<SampleWebSetup, 'logger'>;

/**
 * The sample app on Express or Fastify, configured and not yet listening: sessions, the page at
 * `/`, the browser client at `/client/`, and the weeRPC endpoints; with `microservice: 'redis'`,
 * the Redis transport too (`app.startAllMicroservices()` starts it). The data folder and the
 * SQLite file are created when missing.
 */
export async function createSampleApp(options: SampleAppOptions): Promise<INestApplication> {
  mkdirSync(options.dataDir, { recursive: true });
  const sessionStore =
    options.sessionStore === 'redis' ? SessionStoreProvider.redis(options.redisUrl ?? DEFAULT_REDIS_URL) : SessionStoreProvider.memory();
  await sessionStore.settle();
  // Several instances share sessions on Redis (SESSION_STORE=redis): their notifications go through it too.
  const events = options.sessionStore === 'redis' ? { redis: { url: options.redisUrl ?? DEFAULT_REDIS_URL } } : {};
  const module = AppModule.register({
    databaseFile: join(options.dataDir, DATABASE_FILE),
    sessionStore,
    events: { ...events, retention: { count: 100 } },
  });
  const web: SampleWebSetup = {
    sessionSecret: options.sessionSecret,
    sessionStore: sessionStore.store,
    browserModules: browserModules(),
    logger: options.logger,
  };
  if (web.browserModules.length === 0) {
    new Logger('Sample').warn("The browser client is not built ('npm run build'): the page's buttons will not work.");
  }
  const app = await (options.adapter === 'fastify' ? createFastifySampleApp(module, web) : createExpressSampleApp(module, web));
  if (options.microservice === 'redis') {
    connectRedisTransport(app, options.redisUrl ?? DEFAULT_REDIS_URL);
  }
  return app;
}
