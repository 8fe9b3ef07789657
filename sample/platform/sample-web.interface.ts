import type { NestApplicationOptions } from '@nestjs/common';
import type { RedisStore } from 'connect-redis';
import type { BrowserModules } from '../sample.config.js';

/** What either adapter's factory wires around the sample's module: sessions and static files. */
export interface SampleWebSetup {
  /** Signs the session cookie. */
  sessionSecret: string;
  /** connect-redis's store, or `undefined` for the session plugin's in-memory store. */
  sessionStore: RedisStore | undefined;
  /** The built browser client's folders (`/client/` and the `/wire/` it imports); empty when not built. */
  browserModules: BrowserModules[];
  /** Nest's logger option (`false` in tests). */
  logger?: NestApplicationOptions['logger'];
}
