import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import session from 'express-session';
import type { AddressInfo } from 'node:net';
import { SoakAppModule } from './soak-app.js';

/** The server's memory after a full garbage collection. */
export interface SoakServerMemory {
  heapUsed: number;
  rss: number;
}

const SECRET = 'a soak secret that is longer than 32 characters';

/** Child side of the soak: serves the soak app and answers `memory` and `stop` over IPC. */
export async function runSoakServer(adapter: 'express' | 'fastify'): Promise<void> {
  const app = await createApp(adapter);
  await app.listen(0, '127.0.0.1');
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error('the soak server needs --expose-gc');
  }
  // The driver went away (finished or crashed): nothing left to serve.
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
  process.on('message', message => {
    if (message === 'memory') {
      gc();
      gc();
      const { heapUsed, rss } = process.memoryUsage();
      process.send?.({ heapUsed, rss } satisfies SoakServerMemory);
    } else if (message === 'stop') {
      void app.close().then(() => process.exit(0));
    }
  });
  process.send?.({ port: (app.getHttpServer().address() as AddressInfo).port });
}

async function createApp(adapter: 'express' | 'fastify'): Promise<INestApplication> {
  if (adapter === 'fastify') {
    const app = await NestFactory.create<NestFastifyApplication>(SoakAppModule, new FastifyAdapter(), { logger: false });
    await app.register(fastifyCookie as never);
    await app.register(fastifySession as never, { secret: SECRET, cookie: { secure: false }, saveUninitialized: false });
    return app;
  }
  const app = await NestFactory.create(SoakAppModule, { logger: false });
  app.use(session({ secret: SECRET, resave: false, saveUninitialized: false }));
  return app;
}
