import { Logger, type INestApplication } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { createExpressSampleApp } from './platform/express-sample-app.factory.js';
import { createFastifySampleApp } from './platform/fastify-sample-app.factory.js';
import type { SampleWebSetup } from './platform/sample-web.interface.js';
import { SessionStoreProvider } from './session/session-store.provider.js';
import { browserClientDir, DATABASE_FILE, type SampleConfig } from './sample.config.js';

/** What `createSampleApp` needs: where the data lives and how sessions are signed; Express and in-memory sessions unless told. */
export type SampleAppOptions = Pick<SampleConfig, 'dataDir' | 'sessionSecret'> &
  Partial<Pick<SampleConfig, 'adapter' | 'sessionStore' | 'redisUrl'>> &
  Pick<SampleWebSetup, 'logger'>;

/**
 * The sample app on Express or Fastify, configured and not yet listening: sessions, the page at
 * `/`, the browser client at `/client/`, and the weeRPC endpoints. The data folder and the SQLite
 * file are created when missing.
 */
export async function createSampleApp(options: SampleAppOptions): Promise<INestApplication> {
  mkdirSync(options.dataDir, { recursive: true });
  const sessionStore =
    options.sessionStore === 'redis'
      ? SessionStoreProvider.redis(options.redisUrl ?? 'redis://127.0.0.1:6379')
      : SessionStoreProvider.memory();
  await sessionStore.settle();
  const module = AppModule.register({ databaseFile: join(options.dataDir, DATABASE_FILE), sessionStore });
  const web: SampleWebSetup = {
    sessionSecret: options.sessionSecret,
    sessionStore: sessionStore.store,
    clientDir: browserClientDir(),
    logger: options.logger,
  };
  if (!web.clientDir) {
    new Logger('Sample').warn("The browser client is not built ('npm run build'): the page's buttons will not work.");
  }
  return options.adapter === 'fastify' ? createFastifySampleApp(module, web) : createExpressSampleApp(module, web);
}
