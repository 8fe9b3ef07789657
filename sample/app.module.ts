import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { WeeRpcEventsModule, WeeRpcModule, type WeeRpcEventsOptions } from 'nestjs-weerpc';
import { AuthModule } from './auth/auth.module.js';
import { ClientsModule } from './clients/clients.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { SessionStoreProvider } from './session/session-store.provider.js';
import { TesterModule } from './tester/tester.module.js';

/** Options of the sample's root module. */
export interface AppModuleOptions {
  /** The SQLite file (its folder must exist). */
  databaseFile: string;
  /** Where sessions live; closed with the app. */
  sessionStore: SessionStoreProvider;
  /** The live events of `/rpc/notifications`: in memory (one instance) by default, or on Redis with `redis`. */
  events?: WeeRpcEventsOptions;
}

/**
 * The sample: `/rpc` (tester functions), `/rpc/auth/login`, `/rpc/auth`, `/rpc/clients` and
 * `/rpc/notifications` (live events), and
 * readiness at `/health` (down while the app drains on SIGTERM).
 * The global `ValidationPipe` validates every `@RpcData()` DTO; a failure answers
 * `ok: false, message: 'Invalid data.'` with the constraint messages as `data`.
 */
@Module({})
export class AppModule {
  static register({ databaseFile, sessionStore, events = {} }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // ws: the page's WebSocket toggle calls these functions over ws://host/rpc as well.
        // mcp: add_numbers, add_string and count_to are tools for AI agents at /rpc/mcp (docs/mcp.md).
        WeeRpcModule.forRoot({ path: 'rpc', protocols: ['weerpc/1.1', 'jsonrpc/2.0'], discovery: { title: 'Tester' }, ws: true, mcp: true }),
        WeeRpcEventsModule.forRoot(events),
        DatabaseModule.forRoot(databaseFile),
        AuthModule,
        ClientsModule,
        TesterModule,
        NotificationsModule,
        HealthModule,
      ],
      providers: [
        { provide: SessionStoreProvider, useValue: sessionStore },
        {
          provide: APP_PIPE,
          // transform: handlers get DTO instances; whitelist + forbidNonWhitelisted: unknown keys are refused, not kept.
          useFactory: () => new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }),
        },
      ],
    };
  }
}
