import type { INestApplication, Type } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { ADAPTERS, createTestApp, type AdapterName, type TestAppOptions } from './create-app.js';

/** The HTTP adapters every hardening spec runs against (`describe.each(HTTP_ADAPTERS)`). */
export const HTTP_ADAPTERS: readonly AdapterName[] = ADAPTERS;
export type { AdapterName };

/** A real app on `adapter`, listening on a loopback port, with its session middleware unless told. */
export function createAdapterApp(adapter: AdapterName, module: Type | object, options: TestAppOptions = {}): Promise<INestApplication> {
  return createTestApp(module, { ...options, adapter });
}

/** The port a listening app is on. */
export function portOf(app: INestApplication): number {
  return (app.getHttpServer().address() as AddressInfo).port;
}

/** The app a describe block serves, filled in by `beforeAll`. */
export interface LiveApp {
  app: INestApplication;
  port: number;
}

/**
 * Starts `module` on `adapter` before the block's tests and closes it after them; read `app` and
 * `port` from the returned object inside tests.
 */
export function useLiveApp(adapter: AdapterName, module: Type | object, options: TestAppOptions = {}): LiveApp {
  const live = {} as LiveApp;
  beforeAll(async () => {
    live.app = await createAdapterApp(adapter, module, options);
    live.port = portOf(live.app);
  });
  afterAll(() => live.app.close());
  return live;
}
