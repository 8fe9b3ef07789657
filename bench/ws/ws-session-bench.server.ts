import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RedisStore } from 'connect-redis';
import session from 'express-session';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type RedisClientType } from 'redis';
import { RpcAuthSessionKey, RpcFunction, RpcSession, WeeRpcModule } from '../../lib/index.js';
import { createNestApp, type BenchAdapter } from '../servers/nest-app.factory.js';
import type { RunningServer } from '../servers/start-server.js';
import { mathServiceWith } from '../servers/weerpc.server.js';

/** Where the bench's sessions live. */
export type BenchSessionStore = 'memory' | 'redis';

const LOGGED_IN = new RpcAuthSessionKey('logged_in', [true]);
const SECRET = 'a bench secret that is longer than 32 characters';

/** `login` on `/rpc`: a session to check rules against. */
@Injectable()
class LoginService {
  @RpcFunction()
  login(_data: unknown, @RpcSession() data: Record<string, unknown>) {
    data.logged_in = true;
    return true;
  }
}

/**
 * The same session-protected `add_numbers` twice: on `/rpc/upgrade-session` the socket reads its
 * session from the store once (`sessionRefresh` far beyond a run: the rules see the upgrade's
 * session, as before live sessions), on `/rpc/live-session` for every call (the default).
 */
@Module({
  imports: [WeeRpcModule.forFeature({ path: 'rpc/upgrade-session', sessionAuth: LOGGED_IN, ws: { sessionRefresh: 3_600_000 } })],
  providers: [mathServiceWith()],
})
class UpgradeSessionModule {}

@Module({
  imports: [WeeRpcModule.forFeature({ path: 'rpc/live-session', sessionAuth: LOGGED_IN, ws: { sessionRefresh: 0 } })],
  providers: [mathServiceWith()],
})
class LiveSessionModule {}

@Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc' }), UpgradeSessionModule, LiveSessionModule], providers: [LoginService] })
class WsSessionBenchModule {}

/** The session bench's server on `adapter` with its sessions in `store` (Redis at `redisUrl`). */
export async function startWsSessionBenchServer(adapter: BenchAdapter, store: BenchSessionStore, redisUrl?: string): Promise<RunningServer> {
  let client: RedisClientType | undefined;
  if (store === 'redis') {
    client = createClient({ url: redisUrl });
    await client.connect();
  }
  const sessionStore = client ? new RedisStore({ client, prefix: 'bench:sess:' }) : undefined;
  const app: INestApplication = await createNestApp(WsSessionBenchModule, adapter);
  if (adapter === 'fastify') {
    const fastify = app as NestFastifyApplication;
    await fastify.register(fastifyCookie as never);
    await fastify.register(fastifySession as never, {
      secret: SECRET,
      cookie: { secure: false },
      saveUninitialized: false,
      ...(sessionStore ? { store: sessionStore } : {}),
    });
  } else {
    app.use(session({ secret: SECRET, resave: false, saveUninitialized: false, ...(sessionStore ? { store: sessionStore } : {}) }));
  }
  await app.listen(0, '127.0.0.1');
  return {
    port: ((app.getHttpServer() as Server).address() as AddressInfo).port,
    close: async () => {
      await app.close();
      await client?.quit();
    },
  };
}
