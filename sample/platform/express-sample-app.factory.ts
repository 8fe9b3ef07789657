import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import session from 'express-session';
import { PUBLIC_DIR, SESSION_COOKIE, SESSION_COOKIE_FLAGS } from '../sample.config.js';
import { failClosedSessions } from '../session/fail-closed.session.js';
import type { SampleWebSetup } from './sample-web.interface.js';

/** The sample on Express: express-session (fail-closed), the page and the browser client through express.static. */
export async function createExpressSampleApp(module: DynamicModule, web: SampleWebSetup): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: web.logger });
  // Before app.init(): the weeRPC endpoints answer after the app's own middleware, so they see the session.
  app.use(
    failClosedSessions(
      session({
        name: SESSION_COOKIE,
        secret: web.sessionSecret,
        store: web.sessionStore,
        resave: false,
        saveUninitialized: false,
        cookie: { ...SESSION_COOKIE_FLAGS },
      }),
    ),
  );
  app.useStaticAssets(PUBLIC_DIR);
  for (const { dir, prefix } of web.browserModules) {
    app.useStaticAssets(dir, { prefix });
  }
  return app;
}
