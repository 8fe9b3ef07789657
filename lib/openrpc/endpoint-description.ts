import type { RpcFunctionDescriptor } from '../scanner/rpc-function.descriptor.js';
import type { WeeRpcEndpointOptions } from '../interfaces/weerpc-options.interface.js';
import type { DescribedEndpoint } from './described-endpoint.js';
import { DtoSchemaCatalog } from './dto-schema.catalog.js';
import { createEndpointDiscovery, type RpcDiscovery } from './endpoint-discovery.factory.js';
import { functionDataSchema } from './function-data.schema.js';
import { buildOpenRpcDocument } from './openrpc-document.builder.js';
import type { DocumentedFunction } from './openrpc-method.factory.js';

/**
 * The OpenRPC document of an endpoint and what serves it; called at bootstrap, after the
 * invokers marked each method's data parameter. Plain functions (`functions`) take open data.
 */
export function describeEndpoint({
  path,
  protocols,
  access,
  options,
  functions,
}: DescribedEndpoint<RpcFunctionDescriptor, WeeRpcEndpointOptions>): RpcDiscovery {
  // Read at each bootstrap (not cached by the module): classes decorated since are included.
  const catalog = new DtoSchemaCatalog(DtoSchemaCatalog.readDtoSchemas());
  const documented: DocumentedFunction[] = functions.map(descriptor => ({
    name: descriptor.name,
    place: descriptor.place,
    docs: descriptor.docs,
    access: descriptor.access,
    data: functionDataSchema(descriptor, catalog),
  }));
  for (const name of Object.keys(options.functions ?? {})) {
    documented.push({ name, place: `functions.${name}`, docs: {}, access: { session: [], hostLists: [] }, data: {} });
  }
  const discoveryOptions = typeof options.discovery === 'object' ? options.discovery : {};
  const document = buildOpenRpcDocument({ path, protocols, access, options: discoveryOptions, functions: documented }, catalog);
  return createEndpointDiscovery(path, document, discoveryOptions);
}
