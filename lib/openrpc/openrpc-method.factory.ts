import type { RpcAccessRules } from '../interfaces/rpc-access-rules.interface.js';
import type { RpcFunctionOptions, RpcJsonSchema } from '../interfaces/rpc-function-options.interface.js';
import { accessExtensions } from './access-rule-names.js';
import type { DtoSchemaCatalog } from './dto-schema.catalog.js';
import type { OpenRpcContentDescriptor, OpenRpcExamplePairing, OpenRpcMethod } from './openrpc-document.interface.js';
import { methodErrors } from './openrpc-errors.js';

/** What the document needs of one function of the table. */
export interface DocumentedFunction {
  readonly name: string;
  /** `Class#method`, for bootstrap errors. */
  readonly place: string;
  readonly docs: RpcFunctionOptions;
  /** The function's own rules (the endpoint's are stated once, on the document). */
  readonly access: RpcAccessRules;
  /** The whole data's schema; `null` when the function takes no data. */
  readonly data: RpcJsonSchema | null;
}

/** The one param of a function whose data is not an object: its value is the whole data. */
const DATA_PARAM = 'data';

/**
 * One function as an OpenRPC method. Data that is an object (a DTO) is described `by-name`, a
 * param per property, as JSON-RPC sends it; any other data is one `by-position` param `data`.
 */
export function openRpcMethod(fn: DocumentedFunction, catalog: DtoSchemaCatalog, endpointGuarded: boolean): OpenRpcMethod {
  const { docs } = fn;
  const byName = fn.data === null || isObjectSchema(catalog.resolve(fn.data));
  const params = fn.data === null ? [] : byName ? propertyParams(catalog.resolve(fn.data)) : [dataParam(fn.data)];
  const rules = accessExtensions(fn.access);
  return {
    name: fn.name,
    ...(docs.summary !== undefined && { summary: docs.summary }),
    ...(docs.description !== undefined && { description: docs.description }),
    ...(docs.deprecated !== undefined && { deprecated: docs.deprecated }),
    paramStructure: byName ? 'by-name' : 'by-position',
    params,
    result: { name: 'result', schema: docs.result === undefined ? {} : catalog.fromSource(docs.result, fn.place, 'result') },
    errors: methodErrors(endpointGuarded || Object.keys(rules).length > 0),
    ...(docs.examples && { examples: docs.examples.map(example => examplePairing(example, byName)) }),
    ...(fn.data !== null && { 'x-weerpc-data': fn.data }),
    ...rules,
  };
}

function isObjectSchema(schema: RpcJsonSchema): boolean {
  return schema.type === 'object' && typeof schema.properties === 'object' && schema.properties !== null;
}

function propertyParams(schema: RpcJsonSchema): OpenRpcContentDescriptor[] {
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(schema.properties as Record<string, RpcJsonSchema>).map(([name, propertySchema]) => ({
    name,
    schema: propertySchema,
    required: required.has(name),
  }));
}

function dataParam(schema: RpcJsonSchema): OpenRpcContentDescriptor {
  return { name: DATA_PARAM, schema, required: Object.keys(schema).length > 0 };
}

function examplePairing(example: NonNullable<RpcFunctionOptions['examples']>[number], byName: boolean): OpenRpcExamplePairing {
  const data = example.data;
  const params =
    byName && data !== null && typeof data === 'object'
      ? Object.entries(data).map(([name, value]) => ({ name, value }))
      : [{ name: DATA_PARAM, value: data }];
  return { name: example.name, params, result: { name: 'result', value: example.result } };
}
