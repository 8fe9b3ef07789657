import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import type { INestApplication, Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import session from 'express-session';

export type AdapterName = 'express' | 'fastify';

/** Every spec that concerns the HTTP side runs on both adapters. */
export const ADAPTERS: AdapterName[] = ['express', 'fastify'];

export interface TestAppOptions {
  adapter?: AdapterName;
  /** Install a real session middleware (express-session / @fastify/session). Default true. */
  session?: boolean;
  /** Called on the app before init (global prefix, global enhancers, middleware). */
  configure?: (app: INestApplication) => void | Promise<void>;
}

const SESSION_SECRET = 'a test secret that is longer than 32 characters';

/** A real, uninitialised Nest app for `module` on the chosen adapter, with its session middleware. */
export async function buildTestApp(module: Type | object, options: TestAppOptions = {}): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [module as Type] }).compile();
  if (options.adapter === 'fastify') {
    // As docs/fastify.md advises: app.close() does not wait for a connection a client opened ahead and never used.
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ forceCloseConnections: true }), { logger: false });
    if (options.session !== false) {
      await app.register(fastifyCookie as never);
      await app.register(fastifySession as never, { secret: SESSION_SECRET, cookie: { secure: false }, saveUninitialized: false });
    }
    return app;
  }
  const app = moduleRef.createNestApplication({ logger: process.env.TEST_LOGS ? undefined : false });
  if (options.session !== false) {
    app.use(session({ secret: SESSION_SECRET, resave: false, saveUninitialized: false }));
  }
  return app;
}

/** A real Nest app for `module`, listening on a free loopback port. */
export async function createTestApp(module: Type | object, options: TestAppOptions = {}): Promise<INestApplication> {
  const app = await buildTestApp(module, options);
  await options.configure?.(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

/** The error `app.init()` rejects with for `module` (throws when it does not fail). */
export async function initError(module: Type | object, adapter: AdapterName): Promise<Error> {
  const app = await buildTestApp(module, { adapter, session: false });
  try {
    await app.init();
  } catch (error) {
    return error as Error;
  } finally {
    await app.close().catch(() => undefined);
  }
  throw new Error('app.init() did not fail');
}

/** A weeRPC 1.1 request body. */
export const call = (fn: unknown, data?: unknown) => (data === undefined ? { weerpc: 1.1, function: fn } : { weerpc: 1.1, function: fn, data });

/** The answer body of a failure. */
export const failure = (message: string, data: unknown = null) => ({ weerpc: 1.1, ok: false, message, data });

/** The answer body of a success. */
export const success = (data: unknown, message: string | null = null) => ({ weerpc: 1.1, ok: true, message, data });
