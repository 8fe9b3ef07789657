import fastifyCookie from '@fastify/cookie';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { PUBLIC_DIR, SESSION_COOKIE, SESSION_COOKIE_FLAGS } from '../sample.config.js';
import { failClosedFastifySessions } from '../session/fail-closed-fastify.session.js';
import type { SampleWebSetup } from './sample-web.interface.js';

/**
 * The sample on Fastify: @fastify/cookie and @fastify/session (fail-closed, the same store and
 * cookie flags as on Express), the page and the browser client through @fastify/static (what
 * Nest's `useStaticAssets` loads on Fastify).
 */
export async function createFastifySampleApp(module: DynamicModule, web: SampleWebSetup): Promise<NestFastifyApplication> {
  // After the drain, close at once rather than wait up to 72 s for a connection a browser opened ahead (docs/fastify.md).
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter({ forceCloseConnections: true }), { logger: web.logger });
  // Registered before app.init(): their hooks then run before the weeRPC routes' handlers.
  await app.register(fastifyCookie);
  await app.register(failClosedFastifySessions, {
    cookieName: SESSION_COOKIE,
    secret: web.sessionSecret,
    store: web.sessionStore,
    // As express-session with resave: false: a session is written when it changed, not at every request.
    rolling: false,
    saveUninitialized: false,
    cookie: { ...SESSION_COOKIE_FLAGS },
  });
  app.useStaticAssets({ root: PUBLIC_DIR });
  for (const { dir, prefix } of web.browserModules) {
    // A second @fastify/static may not decorate the reply again.
    app.useStaticAssets({ root: dir, prefix, decorateReply: false });
  }
  return app;
}
