import type { INestApplicationContext } from '@nestjs/common';
import { WeeRpcEndpoints } from './weerpc-endpoints.js';
import type { OpenRpcDocument } from '../openrpc/openrpc-document.interface.js';

/**
 * The OpenRPC documents of an initialised app's endpoints with `discovery` on, keyed by path:
 * what `SwaggerModule.createDocument` is to @nestjs/swagger, for scripts that write them to files.
 *
 * @example const documents = getOpenRpcDocuments(await app.init());
 */
export function getOpenRpcDocuments(app: INestApplicationContext): Record<string, OpenRpcDocument> {
  return app.get(WeeRpcEndpoints, { strict: false }).documents();
}
