import type { RpcDiscoveryOptions } from '../interfaces/rpc-function-options.interface.js';
import { OPENRPC_VERSION } from '../weerpc.constants.js';
import { accessExtensions } from './access-rule-names.js';
import type { DescribedEndpoint } from './described-endpoint.js';
import type { DtoSchemaCatalog } from './dto-schema.catalog.js';
import type { OpenRpcDocument } from './openrpc-document.interface.js';
import { openRpcMethod, type DocumentedFunction } from './openrpc-method.factory.js';
import { serverUrl } from './server-url.js';

/**
 * An endpoint's OpenRPC 1.3 document; built once at bootstrap, before any request tells the app's
 * origin: its server URL is the endpoint's path on `UNKNOWN_ORIGIN` (a GET of the document gets
 * the request's own origin instead, see served-document.ts).
 */
export function buildOpenRpcDocument(
  endpoint: DescribedEndpoint<DocumentedFunction, RpcDiscoveryOptions>,
  catalog: DtoSchemaCatalog,
): OpenRpcDocument {
  const endpointRules = accessExtensions(endpoint.access);
  const guarded = Object.keys(endpointRules).length > 0;
  const methods = endpoint.functions.map(fn => openRpcMethod(fn, catalog, guarded));
  const { title, version, description } = endpoint.options;
  return {
    openrpc: OPENRPC_VERSION,
    info: {
      title: title ?? `weeRPC ${endpoint.path}`,
      version: version ?? '1.0.0',
      ...(description !== undefined && { description }),
    },
    servers: [{ name: endpoint.path, url: serverUrl(endpoint.path) }],
    methods,
    components: { schemas: catalog.components() },
    'x-weerpc-protocols': endpoint.protocols,
    ...endpointRules,
  };
}
