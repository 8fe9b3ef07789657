import { Logger, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import session from 'express-session';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { failClosedSessions } from './session/fail-closed.session.js';
import { SessionStoreProvider } from './session/session-store.provider.js';
import { browserClientDir, DATABASE_FILE, PUBLIC_DIR, SESSION_COOKIE, type SampleConfig } from './sample.config.js';

/** What `createSampleApp` needs: where the data lives and how sessions are signed. */
export type SampleAppOptions = Pick<SampleConfig, 'dataDir' | 'sessionSecret'> &
  Partial<Pick<SampleConfig, 'sessionStore' | 'redisUrl'>> & {
  /** Nest's logger option (`false` in tests). */
  logger?: NestApplicationOptions['logger'];
};

/**
 * The sample app, configured and not yet listening: sessions, the page at `/`, the browser
 * client at `/client/`, and the weeRPC endpoints. The data folder and the SQLite file are
 * created when missing.
 */
export async function createSampleApp(options: SampleAppOptions): Promise<NestExpressApplication> {
  mkdirSync(options.dataDir, { recursive: true });
  const sessionStore =
    options.sessionStore === 'redis'
      ? SessionStoreProvider.redis(options.redisUrl ?? 'redis://127.0.0.1:6379')
      : SessionStoreProvider.memory();
  await sessionStore.settle();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ databaseFile: join(options.dataDir, DATABASE_FILE), sessionStore }),
    { logger: options.logger },
  );
  // Before app.init(): the weeRPC endpoints answer after the app's own middleware, so they see the session.
  app.use(
    failClosedSessions(
      session({
        name: SESSION_COOKIE,
        secret: options.sessionSecret,
        store: sessionStore.store,
        resave: false,
        saveUninitialized: false,
        // secure: 'auto' marks the cookie Secure whenever the request came over HTTPS.
        cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 8 * 60 * 60 * 1000 },
      }),
    ),
  );
  app.useStaticAssets(PUBLIC_DIR);
  const clientDir = browserClientDir();
  if (clientDir) {
    app.useStaticAssets(clientDir, { prefix: '/client/' });
  } else {
    new Logger('Sample').warn("The browser client is not built ('npm run build'): the page's buttons will not work.");
  }
  return app;
}
