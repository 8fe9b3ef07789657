import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import session from 'express-session';

export interface TestAppOptions {
  /** Install express-session (a real in-memory store). Default true. */
  session?: boolean;
  /** Called on the app before init (global prefix, global enhancers, middleware). */
  configure?: (app: INestApplication) => void;
}

/** A real Nest app for `module`, listening on a free loopback port. */
export async function createTestApp(module: Type | object, options: TestAppOptions = {}): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [module as Type] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  if (options.session !== false) {
    app.use(session({ secret: 'test-secret', resave: false, saveUninitialized: false }));
  }
  options.configure?.(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

/** A weeRPC 1.1 request body. */
export const call = (fn: unknown, data?: unknown) =>
  data === undefined ? { weerpc: 1.1, function: fn } : { weerpc: 1.1, function: fn, data };

/** The answer body of a failure. */
export const failure = (message: string, data: unknown = null) => ({ weerpc: 1.1, ok: false, message, data });

/** The answer body of a success. */
export const success = (data: unknown, message: string | null = null) => ({ weerpc: 1.1, ok: true, message, data });
