import type { INestApplication, Type } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestAppOptions } from '../../utils/create-app.js';

/** The HTTP adapters every hardening spec runs against (`describe.each(HTTP_ADAPTERS)`). */
export const HTTP_ADAPTERS = ['express'] as const;
export type HttpAdapterName = (typeof HTTP_ADAPTERS)[number];

/** A real app on `adapter`, listening on a loopback port, with express-session unless told. */
export function createAdapterApp(
  _adapter: HttpAdapterName,
  module: Type | object,
  options: TestAppOptions = {},
): Promise<INestApplication> {
  return createTestApp(module, options);
}

/** The port a listening app is on. */
export function portOf(app: INestApplication): number {
  return (app.getHttpServer().address() as AddressInfo).port;
}
